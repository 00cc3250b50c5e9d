package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.dsl.Internal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The methods of Strings (language.md §4.4, D27–D29). Indexes, lengths and counts are in code
 * points. The whitespace helpers are public because the conversion built-ins trim with the same
 * set (builtins.md D124, D125).
 */
@Internal
public final class StringMethods {

    /** The method names (D28); any other name is {@code R-ATTRIBUTE}. */
    static final Set<String> NAMES = Set.of("format", "join", "find", "rfind", "startswith", "endswith", "encode",
            "lower", "upper", "replace", "split", "rsplit", "splitlines", "strip");

    private static final Map<String, Signature> SIGNATURES = Map.ofEntries(
            signature("format(*args, **kwargs)"),
            signature("join(list)"),
            signature("find(sub, start=null, end=null)"),
            signature("rfind(sub, start=null, end=null)"),
            signature("startswith(prefix, start=null, end=null)"),
            signature("endswith(suffix, start=null, end=null)"),
            signature("encode(encoding='utf-8')"),
            signature("lower()"),
            signature("upper()"),
            signature("replace(old, new, count=-1)"),
            signature("split(sep=null, maxsplit=-1)"),
            signature("rsplit(sep=null, maxsplit=-1)"),
            signature("splitlines(keepends=false)"),
            signature("strip(chars=null)"));

    /** The longest String a method may build; longer results are {@code R-VALUE} instead of exhausting memory. */
    private static final long MAX_LENGTH = Integer.MAX_VALUE - 8L;

    private StringMethods() {
    }

    private static Map.Entry<String, Signature> signature(String text) {
        Signature s = Signature.parse(text);
        return Map.entry(s.name(), s);
    }

    /** Calls method {@code name} (one of {@link #NAMES}) on {@code receiver}. */
    static Value call(StringValue receiver, String name, Arguments arguments) {
        Signature.Bound b = SIGNATURES.get(name).bind(arguments);
        String s = receiver.value();
        switch (name) {
            case "format":
                return StringValue.of(StringFormat.format(s, b.rest(), b.restKeywords()));
            case "join":
                return StringValue.of(join(s, b.get("list")));
            case "find":
                return IntegerValue.of(find(s, string(b.get("sub")), range(receiver, b), false));
            case "rfind":
                return IntegerValue.of(find(s, string(b.get("sub")), range(receiver, b), true));
            case "startswith":
                return BooleanValue.of(affixMatches(s, b.get("prefix"), range(receiver, b), false));
            case "endswith":
                return BooleanValue.of(affixMatches(s, b.get("suffix"), range(receiver, b), true));
            case "encode":
                return BinaryValue.of(Encodings.encode(s, string(b.get("encoding"))));
            case "lower":
                return StringValue.of(s.toLowerCase(Locale.ROOT));
            case "upper":
                return StringValue.of(s.toUpperCase(Locale.ROOT));
            case "replace":
                return StringValue.of(replace(s, string(b.get("old")), string(b.get("new")), integer(b.get("count"))));
            case "split":
            case "rsplit":
                return split(s, b.get("sep"), integer(b.get("maxsplit")), name.equals("rsplit"));
            case "splitlines":
                return splitLines(s, bool(b.get("keepends")));
            default:
                return StringValue.of(strip(s, b.get("chars")));
        }
    }

    // ---- argument checks -------------------------------------------------------------------

    /** Returns the Java String of a String argument; any other value is {@code R-TYPE}. */
    static String string(Value v) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        throw expected("String", v);
    }

    /** Returns an Integer argument as a {@code long}, saturated for values beyond that range. */
    private static long integer(Value v) {
        if (v instanceof IntegerValue i) {
            return i.fitsLong() ? i.longValue() : (i.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
        throw expected("Integer", v);
    }

    private static boolean bool(Value v) {
        if (v instanceof BooleanValue b) {
            return b.truthy();
        }
        throw expected("Boolean", v);
    }

    private static JobflowError expected(String type, Value got) {
        return new JobflowError(ErrorCode.R_TYPE, "expected " + type + ", got " + got.typeName());
    }

    private static void checkLength(long length) {
        if (length > MAX_LENGTH) {
            throw new JobflowError(ErrorCode.R_VALUE, "resulting string too long (" + length + " characters)");
        }
    }

    // ---- whitespace (D27) ------------------------------------------------------------------

    /** Returns whether {@code c} is whitespace in the sense of D27 (the set Python uses). */
    public static boolean isWhitespace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f
                || c == 0x3000;
    }

    /** Returns {@code s} without leading and trailing D27 whitespace. */
    public static String strip(String s) {
        int from = 0;
        int to = s.length();
        // every whitespace code point is in the BMP, so scanning UTF-16 units is exact
        while (from < to && isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static String strip(String s, Value chars) {
        if (chars == NullValue.NULL) {
            return strip(s);
        }
        String set = string(chars);
        int from = 0;
        int to = s.length();
        while (from < to && set.indexOf(s.codePointAt(from)) >= 0) {
            from += Character.charCount(s.codePointAt(from));
        }
        while (to > from && set.indexOf(s.codePointBefore(to)) >= 0) {
            to -= Character.charCount(s.codePointBefore(to));
        }
        return s.substring(from, to);
    }

    // ---- join ------------------------------------------------------------------------------

    private static String join(String separator, Value list) {
        if (!(list instanceof ArrayValue array)) {
            throw expected("Array", list);
        }
        StringBuilder out = new StringBuilder();
        long length = 0;
        for (int i = 0; i < array.size(); i++) {
            String item = string(array.get(i));
            length += item.length() + (i > 0 ? separator.length() : 0);
            checkLength(length);
            out.append(i > 0 ? separator : "").append(item);
        }
        return out.toString();
    }

    // ---- find, rfind, startswith, endswith -------------------------------------------------

    /**
     * The slice {@code [start, end)} of a receiver in code points, after the slice rules of §4.4:
     * negative values count from the end and are clamped at 0, {@code end} is clamped at the
     * length, and {@code start} may exceed the length (then nothing is found, not even {@code ''}).
     */
    private record Range(int start, int end) {

        /** Returns whether {@code length} code points fit inside the slice. */
        boolean fits(int length) {
            return end - start >= length;
        }
    }

    private static Range range(StringValue receiver, Signature.Bound b) {
        int length = receiver.length();
        Value start = b.get("start");
        Value end = b.get("end");
        long from = start == NullValue.NULL ? 0 : integer(start);
        long to = end == NullValue.NULL ? length : integer(end);
        from = from < 0 ? Math.max(0, from + length) : Math.min(from, length + 1L);
        to = to < 0 ? Math.max(0, to + length) : Math.min(to, length);
        return new Range((int) from, (int) to);
    }

    private static int find(String s, String sub, Range range, boolean last) {
        if (!range.fits(codePoints(sub))) {
            return -1;
        }
        int from = offset(s, range.start());
        int to = offset(s, range.end());
        int at = last ? s.lastIndexOf(sub, to - sub.length()) : s.indexOf(sub, from);
        return at < from || at + sub.length() > to ? -1 : s.codePointCount(0, at);
    }

    private static boolean affixMatches(String s, Value affix, Range range, boolean atEnd) {
        if (affix instanceof ArrayValue array) {
            for (Value element : array.snapshot()) {
                if (affixMatches(s, string(element), range, atEnd)) {
                    return true;
                }
            }
            return false;
        }
        if (!(affix instanceof StringValue)) {
            throw expected("String or Array", affix);
        }
        return affixMatches(s, string(affix), range, atEnd);
    }

    private static boolean affixMatches(String s, String affix, Range range, boolean atEnd) {
        if (!range.fits(codePoints(affix))) {
            return false;
        }
        int at = atEnd ? offset(s, range.end()) - affix.length() : offset(s, range.start());
        return s.startsWith(affix, at);
    }

    private static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /** Returns the UTF-16 offset of code point index {@code index}. */
    private static int offset(String s, int index) {
        return s.offsetByCodePoints(0, index);
    }

    // ---- replace ---------------------------------------------------------------------------

    private static String replace(String s, String old, String replacement, long count) {
        long limit = count < 0 ? Long.MAX_VALUE : count;
        if (old.isEmpty()) {
            return insertEverywhere(s, replacement, limit);
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        long done = 0;
        int at;
        while (done < limit && (at = s.indexOf(old, from)) >= 0) {
            checkLength((long) out.length() + (at - from) + replacement.length());
            out.append(s, from, at).append(replacement);
            from = at + old.length();
            done++;
        }
        return out.append(s, from, s.length()).toString();
    }

    /** {@code replace('', new)}: {@code new} before every character and at the end, at most {@code limit} times. */
    private static String insertEverywhere(String s, String insert, long limit) {
        long inserts = Math.min(limit, codePoints(s) + 1L);
        checkLength(s.length() + inserts * insert.length());
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (long done = 0; done < inserts; done++) {
            out.append(insert);
            if (i < s.length()) {
                int next = i + Character.charCount(s.codePointAt(i));
                out.append(s, i, next);
                i = next;
            }
        }
        return out.append(s, i, s.length()).toString();
    }

    // ---- split, rsplit ---------------------------------------------------------------------

    private static ArrayValue split(String s, Value sep, long maxsplit, boolean fromRight) {
        long limit = maxsplit < 0 ? Long.MAX_VALUE : maxsplit;
        List<String> parts;
        if (sep == NullValue.NULL) {
            parts = fromRight ? rsplitWhitespace(s, limit) : splitWhitespace(s, limit);
        } else {
            String separator = string(sep);
            if (separator.isEmpty()) {
                throw new JobflowError(ErrorCode.R_VALUE, "empty separator");
            }
            parts = fromRight ? rsplitAt(s, separator, limit) : splitAt(s, separator, limit);
        }
        List<Value> items = new ArrayList<>(parts.size());
        for (String part : parts) {
            items.add(StringValue.of(part));
        }
        return new ArrayValue(items);
    }

    private static List<String> splitAt(String s, String sep, long limit) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while (parts.size() < limit && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static List<String> rsplitAt(String s, String sep, long limit) {
        List<String> parts = new ArrayList<>();
        int to = s.length();
        int at;
        while (parts.size() < limit && to >= sep.length() && (at = s.lastIndexOf(sep, to - sep.length())) >= 0) {
            parts.add(s.substring(at + sep.length(), to));
            to = at;
        }
        parts.add(s.substring(0, to));
        Collections.reverse(parts);
        return parts;
    }

    /**
     * Python's whitespace split: runs of whitespace separate fields; the unsplit rest (after
     * {@code limit} splits) keeps its trailing whitespace.
     */
    private static List<String> splitWhitespace(String s, long limit) {
        List<String> parts = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (true) {
            while (i < n && isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                return parts;
            }
            if (parts.size() == limit) {
                parts.add(s.substring(i));
                return parts;
            }
            int start = i;
            while (i < n && !isWhitespace(s.charAt(i))) {
                i++;
            }
            parts.add(s.substring(start, i));
        }
    }

    /** The mirror image of {@link #splitWhitespace}: the unsplit rest keeps its leading whitespace. */
    private static List<String> rsplitWhitespace(String s, long limit) {
        List<String> parts = new ArrayList<>();
        int i = s.length();
        while (true) {
            while (i > 0 && isWhitespace(s.charAt(i - 1))) {
                i--;
            }
            if (i == 0) {
                break;
            }
            if (parts.size() == limit) {
                parts.add(s.substring(0, i));
                break;
            }
            int end = i;
            while (i > 0 && !isWhitespace(s.charAt(i - 1))) {
                i--;
            }
            parts.add(s.substring(i, end));
        }
        Collections.reverse(parts);
        return parts;
    }

    // ---- splitlines ------------------------------------------------------------------------

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x85
                || c == 0x2028 || c == 0x2029;
    }

    private static ArrayValue splitLines(String s, boolean keepEnds) {
        List<Value> lines = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int end = i;
            while (end < n && !isLineBreak(s.charAt(end))) {
                end++;
            }
            int next = end;
            if (next < n) {
                next += s.startsWith("\r\n", next) ? 2 : 1;
            }
            lines.add(StringValue.of(s.substring(i, keepEnds ? next : end)));
            i = next;
        }
        return new ArrayValue(lines);
    }
}
