package dev.kompira.core.value.pattern;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Translates a regular expression written in Python's {@code re} syntax into {@code java.util.regex}
 * syntax (language.md Appendix B, D137). Python constructs with another meaning in Java are
 * rewritten; Python errors that Java would not report (bad group references, unknown group
 * names, global flags in the middle, conditional groups, {@code (?L)}) are reported here;
 * everything else is left to {@link java.util.regex.Pattern} so that Java-only syntax
 * ({@code \p{L}}, {@code \h}, {@code \R}, {@code \Q...\E}) keeps its Java meaning.
 *
 * <p>Python's verbose flag ({@code (?x)}) is applied here rather than passed on, because Java's
 * {@code COMMENTS} mode also strips white space inside character classes, where Python keeps it.
 *
 * <p>One instance translates one pattern; not thread-safe.
 */
final class RegexTranslator {

    /** Python's inline flag letters. */
    private static final String PYTHON_FLAGS = "aiLmsux";
    /** The white space that Python's verbose mode ignores. */
    private static final String VERBOSE_SPACE = " \t\n\r\u000b\f";

    private final int[] src;
    private final StringBuilder out = new StringBuilder();
    private final Deque<Frame> open = new ArrayDeque<>();
    private final Set<Integer> closedGroups = new HashSet<>();
    private final Map<String, Integer> groupNumbers = new LinkedHashMap<>();
    private int pos;
    private int groupCount;
    private boolean verbose;
    private boolean ascii;
    /** True while nothing but global flag groups, comments and verbose white space has been read. */
    private boolean atStart = true;

    private RegexTranslator(String pattern) {
        this.src = pattern.codePoints().toArray();
    }

    /**
     * The result of a translation.
     *
     * @param regex       the Java regular expression
     * @param ascii       whether the pattern started with {@code (?a)}: classes are ASCII-only
     * @param namedGroups each Python group name with the generated Java group name, in pattern order
     */
    record Translation(String regex, boolean ascii, Map<String, String> namedGroups) {
    }

    /**
     * An open parenthesis: where it is, its capturing group number (0 for none) and the verbose
     * state to restore when it closes.
     */
    private record Frame(int position, int group, boolean outerVerbose) {
    }

    /** Translates {@code pattern}; a Python syntax error is {@code R-REGEX}. */
    static Translation translate(String pattern) {
        return new RegexTranslator(pattern).run();
    }

    /** Returns the generated Java name of capturing group {@code number}. */
    static String javaGroupName(int number) {
        return "g" + number;
    }

    private Translation run() {
        while (pos < src.length) {
            int c = src[pos];
            if (verbose && VERBOSE_SPACE.indexOf(c) >= 0) {
                pos++;
            } else if (verbose && c == '#') {
                skipVerboseComment();
            } else if (c == '(') {
                group();
            } else {
                atStart = false;
                atom(c);
            }
        }
        if (!open.isEmpty()) {
            throw error("missing ), unterminated subpattern", open.peek().position());
        }
        Map<String, String> names = new LinkedHashMap<>();
        groupNumbers.forEach((name, number) -> names.put(name, javaGroupName(number)));
        return new Translation(out.toString(), ascii, Collections.unmodifiableMap(names));
    }

    private void atom(int c) {
        switch (c) {
            case '\\' -> escape();
            case '[' -> characterClass();
            case ')' -> closeGroup();
            case '{' -> brace();
            default -> {
                out.appendCodePoint(c);
                pos++;
            }
        }
    }

    private void skipVerboseComment() {
        while (pos < src.length && src[pos] != '\n') {
            pos++;
        }
    }

    // ---- escapes outside a class -------------------------------------------------------------

    private void escape() {
        int start = pos++;
        if (pos >= src.length) {
            throw error("bad escape (end of pattern)", start);
        }
        int c = src[pos++];
        switch (c) {
            case 'Z' -> out.append("\\z");
            case 'v' -> literal(0x0b);
            case '0' -> literal(octal(0, 2, start));
            case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> digitEscape(c, start);
            case 'x', 'u', 'U', 'N' -> unicodeEscape(c, start);
            case 'Q' -> quotedRun(start);
            case 'p', 'P', 'c' -> out.append(javaEscape(start));
            case 'k' -> javaNamedReference(start);
            default -> out.append('\\').appendCodePoint(c);
        }
    }

    /** {@code \1}..{@code \99} is a group reference, three octal digits an octal escape (Python's rule). */
    private void digitEscape(int first, int start) {
        int value = first - '0';
        if (pos < src.length && isDigit(src[pos])) {
            int second = src[pos];
            if (isOctal(first) && isOctal(second) && pos + 1 < src.length && isOctal(src[pos + 1])) {
                pos += 2;
                int code = (first - '0') * 64 + (second - '0') * 8 + (src[pos - 1] - '0');
                if (code > 0377) {
                    throw error("octal escape value \\" + new String(src, start + 1, 3) + " outside of range 0-0o377",
                            start);
                }
                literal(code);
                return;
            }
            value = value * 10 + (second - '0');
            pos++;
        }
        checkReference(value, start);
        // wrapped so that a following digit can never extend Java's group number
        out.append("(?:\\").append(value).append(')');
    }

    private void checkReference(int group, int start) {
        if (group > groupCount) {
            throw error("invalid group reference " + group, start);
        }
        if (!closedGroups.contains(group)) {
            throw error("cannot refer to an open group", start);
        }
    }

    /** Translates {@code \xhh}, {@code \\uhhhh}, {@code \Uhhhhhhhh} and {@code \N{name}} to one code point. */
    private void unicodeEscape(int kind, int start) {
        if (kind == 'x' && pos < src.length && src[pos] == '{') {
            out.append(javaEscape(start)); // Java's \x{h..h}
            return;
        }
        literal(codePointEscape(kind, start));
    }

    private int codePointEscape(int kind, int start) {
        return switch (kind) {
            case 'x' -> hex(2, start);
            case 'u' -> hex(4, start);
            case 'U' -> {
                int c = hex(8, start);
                if (c < 0 || c > Character.MAX_CODE_POINT) {
                    throw error("bad escape \\" + new String(src, start + 1, 9), start);
                }
                yield c;
            }
            default -> namedCharacter(start);
        };
    }

    private int hex(int digits, int start) {
        if (pos + digits > src.length) {
            throw error("incomplete escape " + new String(src, start, src.length - start), start);
        }
        long value = 0;
        for (int i = 0; i < digits; i++) {
            int c = src[pos + i];
            if (!isHex(c)) {
                throw error("incomplete escape " + new String(src, start, pos + i - start), start);
            }
            value = value * 16 + Character.digit(c, 16);
        }
        pos += digits;
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private int namedCharacter(int start) {
        if (pos >= src.length || src[pos] != '{') {
            throw error("missing {", pos);
        }
        int close = indexOf('}', pos);
        if (close < 0) {
            throw error("missing }, unterminated name", pos);
        }
        String name = new String(src, pos + 1, close - pos - 1);
        pos = close + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            throw error("undefined character name '" + name + "'", start);
        }
    }

    /** Reads up to {@code more} further octal digits after {@code first}; Python caps the value at 0o377. */
    private int octal(int first, int more, int start) {
        int value = first;
        for (int i = 0; i < more && pos < src.length && isOctal(src[pos]); i++) {
            value = value * 8 + (src[pos++] - '0');
        }
        if (value > 0377) {
            throw error("octal escape value \\" + new String(src, start + 1, pos - start - 1)
                    + " outside of range 0-0o377", start);
        }
        return value;
    }

    /** Copies Java's {@code \Q...\E} unchanged: its content is literal text in Java. */
    private void quotedRun(int start) {
        int end = indexOfQuoteEnd(pos);
        int stop = end < 0 ? src.length : end + 2;
        out.append(new String(src, start, stop - start));
        pos = stop;
    }

    private int indexOfQuoteEnd(int from) {
        for (int i = from; i + 1 < src.length; i++) {
            if (src[i] == '\\' && src[i + 1] == 'E') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads a Java-only escape with its argument ({@code \p{..}}, {@code \pL}, {@code \cX},
     * {@code \x{..}}) and returns it unchanged; Java judges its validity.
     */
    private String javaEscape(int start) {
        if (pos < src.length && src[pos] == '{') {
            int close = indexOf('}', pos);
            pos = close < 0 ? src.length : close + 1;
        } else if (pos < src.length) {
            pos++;
        }
        return new String(src, start, pos - start);
    }

    /** Java's {@code \k<name>}: refers to a group by its Python name, so it is renamed too. */
    private void javaNamedReference(int start) {
        int close = pos < src.length && src[pos] == '<' ? indexOf('>', pos) : -1;
        Integer group = close < 0 ? null : groupNumbers.get(new String(src, pos + 1, close - pos - 1));
        if (group == null) {
            out.append("\\k"); // Java reports the error
            return;
        }
        pos = close + 1;
        out.append("\\k<").append(javaGroupName(group)).append('>');
    }

    // ---- character classes ---------------------------------------------------------------------

    /**
     * Translates {@code [...]}. Every literal member is written as {@code \x{h}}, so that characters
     * special only to Java inside a class ({@code [}, {@code &&}, a leading {@code ]}) stay literal.
     */
    private void characterClass() {
        int start = pos++;
        StringBuilder set = new StringBuilder("[");
        if (pos < src.length && src[pos] == '^') {
            set.append('^');
            pos++;
        }
        boolean first = true;
        while (true) {
            if (pos >= src.length) {
                throw error("unterminated character set", start);
            }
            if (src[pos] == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            set.append(classMember());
        }
        out.append(set).append(']');
    }

    /** Reads one member (a character, a range or a class escape) and returns its Java text. */
    private String classMember() {
        int start = pos;
        ClassAtom low = classAtom();
        if (pos + 1 < src.length && src[pos] == '-' && src[pos + 1] != ']') {
            pos++;
            ClassAtom high = classAtom();
            if (low.javaText != null || high.javaText != null || high.codePoint < low.codePoint) {
                throw error("bad character range " + new String(src, start, pos - start), start);
            }
            return hexLiteral(low.codePoint) + "-" + hexLiteral(high.codePoint);
        }
        return low.javaText != null ? low.javaText : hexLiteral(low.codePoint);
    }

    /** A class member: a single code point, or (when {@code javaText} is set) a set such as {@code \d}. */
    private record ClassAtom(int codePoint, String javaText) {
    }

    private ClassAtom classAtom() {
        int start = pos;
        int c = src[pos++];
        if (c != '\\') {
            return new ClassAtom(c, null);
        }
        if (pos >= src.length) {
            throw error("bad escape (end of pattern)", start);
        }
        int e = src[pos++];
        return switch (e) {
            case 'd', 'D', 's', 'S', 'w', 'W', 'h', 'H', 'V' -> new ClassAtom(-1, "\\" + (char) e);
            case 'a' -> new ClassAtom(0x07, null);
            case 'b' -> new ClassAtom(0x08, null);
            case 't' -> new ClassAtom(0x09, null);
            case 'n' -> new ClassAtom(0x0a, null);
            case 'v' -> new ClassAtom(0x0b, null);
            case 'f' -> new ClassAtom(0x0c, null);
            case 'r' -> new ClassAtom(0x0d, null);
            case 'e' -> new ClassAtom(0x1b, null);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> new ClassAtom(octal(e - '0', 2, start), null);
            case 'x', 'u', 'U', 'N' -> classUnicodeEscape(e, start);
            case 'Q' -> new ClassAtom(-1, quotedMembers());
            case 'p', 'P', 'c' -> new ClassAtom(-1, javaEscape(start));
            case '8', '9' -> throw error("bad escape \\" + (char) e, start);
            default -> Character.isLetterOrDigit(e) && e < 0x80
                    ? new ClassAtom(-1, "\\" + (char) e) // Java accepts or rejects it
                    : new ClassAtom(e, null);
        };
    }

    private ClassAtom classUnicodeEscape(int kind, int start) {
        if (kind == 'x' && pos < src.length && src[pos] == '{') {
            return new ClassAtom(-1, javaEscape(start));
        }
        return new ClassAtom(codePointEscape(kind, start), null);
    }

    /** Java's {@code \Q...\E} inside a class: each character is a literal member. */
    private String quotedMembers() {
        int end = indexOfQuoteEnd(pos);
        int stop = end < 0 ? src.length : end;
        StringBuilder members = new StringBuilder();
        for (int i = pos; i < stop; i++) {
            members.append(hexLiteral(src[i]));
        }
        pos = end < 0 ? src.length : end + 2;
        return members.toString();
    }

    // ---- groups ---------------------------------------------------------------------------------

    private void group() {
        int start = pos++;
        if (pos >= src.length || src[pos] != '?') {
            atStart = false;
            openGroup(start, ++groupCount, "(");
            return;
        }
        pos++;
        if (pos >= src.length) {
            throw error("unexpected end of pattern", start);
        }
        int c = src[pos];
        if (c == '#') {
            skipComment(start);
            return;
        }
        if (c == '-' || PYTHON_FLAGS.indexOf(c) >= 0) {
            flags(start);
            return;
        }
        atStart = false;
        pos++;
        switch (c) {
            case 'P' -> pythonExtension(start);
            case '<' -> angleGroup(start);
            case ':', '=', '!', '>' -> openGroup(start, 0, "(?" + (char) c);
            case '(' -> throw error("conditional groups are not supported", start);
            default -> throw error("unknown extension ?" + Character.toString(c), start);
        }
    }

    private void pythonExtension(int start) {
        if (pos < src.length && src[pos] == '<') {
            pos++;
            namedGroup(start);
        } else if (pos < src.length && src[pos] == '=') {
            pos++;
            int close = indexOf(')', pos);
            if (close < 0) {
                throw error("missing ), unterminated name", pos);
            }
            String name = new String(src, pos, close - pos);
            pos = close + 1;
            Integer group = groupNumbers.get(name);
            if (group == null) {
                throw error("unknown group name '" + name + "'", start);
            }
            checkReference(group, start);
            out.append("\\k<").append(javaGroupName(group)).append('>');
        } else {
            String next = pos < src.length ? Character.toString(src[pos]) : "";
            throw error("unknown extension ?P" + next, start);
        }
    }

    /** {@code (?<=}, {@code (?<!} (look-behind), or Java's {@code (?<name>}, treated as Python's {@code (?P<name>}. */
    private void angleGroup(int start) {
        if (pos < src.length && (src[pos] == '=' || src[pos] == '!')) {
            openGroup(start, 0, "(?<" + (char) src[pos++]);
        } else {
            namedGroup(start);
        }
    }

    private void namedGroup(int start) {
        int close = indexOf('>', pos);
        if (close < 0) {
            throw error("missing >, unterminated name", pos);
        }
        String name = new String(src, pos, close - pos);
        pos = close + 1;
        if (!isIdentifier(name)) {
            throw error(name.isEmpty() ? "missing group name" : "bad character in group name '" + name + "'", start);
        }
        if (groupNumbers.containsKey(name)) {
            throw error("redefinition of group name '" + name + "'", start);
        }
        int number = ++groupCount;
        groupNumbers.put(name, number);
        openGroup(start, number, "(?<" + javaGroupName(number) + ">");
    }

    private void skipComment(int start) {
        int close = indexOf(')', pos);
        if (close < 0) {
            throw error("missing ), unterminated comment", start);
        }
        pos = close + 1;
    }

    private void openGroup(int position, int number, String javaOpening) {
        open.push(new Frame(position, number, verbose));
        out.append(javaOpening);
    }

    private void closeGroup() {
        if (open.isEmpty()) {
            throw error("unbalanced parenthesis");
        }
        Frame frame = open.pop();
        verbose = frame.outerVerbose();
        if (frame.group() > 0) {
            closedGroups.add(frame.group());
        }
        out.append(')');
        pos++;
    }

    /** Translates {@code (?flags)} (global, only at the start) or {@code (?on-off:...)} (scoped). */
    private void flags(int start) {
        String on = flagLetters();
        String off = "";
        if (pos < src.length && src[pos] == '-') {
            pos++;
            off = flagLetters();
            if (off.isEmpty()) {
                throw error("missing flag", pos);
            }
        }
        if (pos >= src.length) {
            throw error("missing -, : or )", pos);
        }
        int terminator = src[pos];
        if (terminator != ')' && terminator != ':') {
            throw error(Character.isLetter(terminator) ? "unknown flag" : "missing -, : or )", pos);
        }
        pos++;
        checkFlagCombination(on, off, start);
        if (terminator == ')') {
            globalFlags(on, off, start);
        } else {
            scopedFlags(on, off, start);
        }
    }

    private String flagLetters() {
        int begin = pos;
        while (pos < src.length && PYTHON_FLAGS.indexOf(src[pos]) >= 0) {
            pos++;
        }
        return new String(src, begin, pos - begin);
    }

    private void checkFlagCombination(String on, String off, int start) {
        if (on.indexOf('L') >= 0 || off.indexOf('L') >= 0) {
            throw error("the L (locale) flag is not supported", start);
        }
        if (off.indexOf('a') >= 0 || off.indexOf('u') >= 0) {
            throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", start);
        }
        if (on.indexOf('a') >= 0 && on.indexOf('u') >= 0) {
            throw error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", start);
        }
    }

    private void globalFlags(String on, String off, int start) {
        if (!off.isEmpty()) {
            throw error("missing :", start);
        }
        if (!atStart || !open.isEmpty()) {
            throw error("global flags not at the start of the expression", start);
        }
        ascii |= on.indexOf('a') >= 0;
        verbose |= on.indexOf('x') >= 0;
        String java = javaFlags(on);
        if (!java.isEmpty()) {
            out.append("(?").append(java).append(')');
        }
    }

    private void scopedFlags(String on, String off, int start) {
        if (on.indexOf('a') >= 0) {
            throw error("(?a) is only supported at the start of the expression", start);
        }
        open.push(new Frame(start, 0, verbose));
        if (on.indexOf('x') >= 0) {
            verbose = true;
        } else if (off.indexOf('x') >= 0) {
            verbose = false;
        }
        atStart = false;
        String javaOn = javaFlags(on);
        String javaOff = javaFlags(off).replace("u", "");
        out.append("(?").append(javaOn).append(javaOff.isEmpty() ? "" : "-" + javaOff).append(':');
    }

    /** Python flag letters to Java's: {@code i} needs {@code u} for Unicode case folding; a, u, x are handled here. */
    private static String javaFlags(String python) {
        StringBuilder java = new StringBuilder();
        for (char f : python.toCharArray()) {
            switch (f) {
                case 'i' -> java.append("iu");
                case 'm', 's' -> java.append(f);
                default -> {
                    // 'a' and 'x' are applied by the translator; 'u' is the default
                }
            }
        }
        return java.toString();
    }

    // ---- repetition -----------------------------------------------------------------------------

    /**
     * Python reads {@code {m,n}}, {@code {m,}}, {@code {,n}} and {@code {m}} as repetition and any
     * other {@code {} as a literal; Java rejects a literal {@code {} and lacks {@code {,n}}.
     */
    private void brace() {
        int i = pos + 1;
        int lowStart = i;
        while (i < src.length && isDigit(src[i])) {
            i++;
        }
        String low = new String(src, lowStart, i - lowStart);
        String high = low;
        boolean comma = i < src.length && src[i] == ',';
        if (comma) {
            int highStart = ++i;
            while (i < src.length && isDigit(src[i])) {
                i++;
            }
            high = new String(src, highStart, i - highStart);
        }
        boolean repetition = i < src.length && src[i] == '}' && i > pos + 1;
        if (!repetition) {
            out.append("\\{");
            pos++;
            return;
        }
        if (!low.isEmpty() && !high.isEmpty() && new BigInteger(high).compareTo(new BigInteger(low)) < 0) {
            throw error("min repeat greater than max repeat", pos);
        }
        out.append('{').append(low.isEmpty() ? "0" : low);
        if (comma) {
            out.append(',').append(high);
        }
        out.append('}');
        pos = i + 1;
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void literal(int codePoint) {
        out.append(hexLiteral(codePoint));
    }

    private static String hexLiteral(int codePoint) {
        return "\\x{" + Integer.toHexString(codePoint) + "}";
    }

    private int indexOf(int c, int from) {
        for (int i = from; i < src.length; i++) {
            if (src[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isOctal(int c) {
        return c >= '0' && c <= '7';
    }

    /** Python's {@code str.isidentifier()}, close enough: a letter or underscore, then word characters. */
    private static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        int first = name.codePointAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        return name.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_'
                || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK
                || Character.getType(c) == Character.CONNECTOR_PUNCTUATION);
    }

    private JobflowError error(String detail) {
        return error(detail, pos);
    }

    private JobflowError error(String detail, int position) {
        return new JobflowError(ErrorCode.R_REGEX,
                "invalid regular expression: " + detail + " at position " + position);
    }
}
