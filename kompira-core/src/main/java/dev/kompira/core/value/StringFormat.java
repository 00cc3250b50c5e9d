package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code String.format} (language.md §4.4, D29): Python's {@code str.format} without attribute
 * and item chains. Fields without a spec render the text form (§5), {@code !r} the nested form;
 * a spec follows Python's format-spec mini-language. Floats are rounded half-to-even on their
 * exact binary value, as Python does, by formatting the exact {@link BigDecimal} of the double.
 * Every malformed template or spec is {@code R-VALUE}.
 */
final class StringFormat {

    /** Python allows one level of fields nested inside a spec ({@code '{:{width}}'}). */
    private static final int MAX_DEPTH = 2;
    private static final long MAX_LENGTH = Integer.MAX_VALUE - 8L;
    private static final String NUMERIC_TYPES = "eEfFgG%";
    private static final String INTEGER_TYPES = "bcdoxX";

    private StringFormat() {
    }

    /** Expands the replacement fields of {@code template} with {@code args} and {@code kwargs}. */
    static String format(String template, List<Value> args, Map<String, Value> kwargs) {
        return new Expansion(args, kwargs).expand(template, MAX_DEPTH);
    }

    private static JobflowError error(String message) {
        return new JobflowError(ErrorCode.R_VALUE, message);
    }

    // ---- templates and fields --------------------------------------------------------------

    /** One call of {@code format}: the arguments and the state of automatic numbering. */
    private static final class Expansion {

        private final List<Value> args;
        private final Map<String, Value> kwargs;
        private int nextAutomatic;
        private boolean automatic;
        private boolean manual;

        Expansion(List<Value> args, Map<String, Value> kwargs) {
            this.args = args;
            this.kwargs = kwargs;
        }

        String expand(String template, int depth) {
            if (depth <= 0) {
                throw error("max string recursion exceeded");
            }
            StringBuilder out = new StringBuilder();
            int n = template.length();
            int i = 0;
            while (i < n) {
                char c = template.charAt(i);
                boolean doubled = i + 1 < n && template.charAt(i + 1) == c;
                if (c == '{' && !doubled) {
                    int close = closingBrace(template, i);
                    out.append(field(template.substring(i + 1, close), depth));
                    i = close + 1;
                } else if (c == '}' && !doubled) {
                    throw error("single '}' encountered in format string");
                } else {
                    out.append(c);
                    i += (c == '{' || c == '}') ? 2 : 1;
                }
                if (out.length() > MAX_LENGTH) {
                    throw error("formatted string too long");
                }
            }
            return out.toString();
        }

        private static int closingBrace(String template, int open) {
            if (open + 1 == template.length()) {
                throw error("single '{' encountered in format string");
            }
            int depth = 0;
            for (int j = open; j < template.length(); j++) {
                char c = template.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return j;
                }
            }
            throw error("expected '}' before end of string");
        }

        /** Renders one field, {@code name[!conversion][:spec]}, in Python's order: value, conversion, spec. */
        private String field(String text, int depth) {
            int end = 0;
            while (end < text.length() && text.charAt(end) != '!' && text.charAt(end) != ':') {
                end++;
            }
            String name = text.substring(0, end);
            Value value = lookup(name);
            String spec = "";
            if (end < text.length() && text.charAt(end) == '!') {
                if (end + 1 == text.length()) {
                    throw error("end of string while looking for conversion specifier");
                }
                value = convert(value, text.charAt(end + 1));
                end += 2;
                if (end < text.length() && text.charAt(end) != ':') {
                    throw error("expected ':' after conversion specifier");
                }
            }
            if (end < text.length()) {
                spec = text.substring(end + 1);
            }
            if (spec.indexOf('{') >= 0) {
                spec = expand(spec, depth - 1);
            }
            return render(value, spec);
        }

        private Value lookup(String name) {
            if (name.indexOf('.') >= 0 || name.indexOf('[') >= 0) {
                throw error("attribute and item access is not supported in format field '" + name + "'");
            }
            if (name.indexOf('{') >= 0) {
                throw error("unexpected '{' in field name");
            }
            if (name.isEmpty()) {
                if (manual) {
                    throw error("cannot switch from manual field specification to automatic field numbering");
                }
                automatic = true;
                return positional(nextAutomatic++);
            }
            if (name.chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (automatic) {
                    throw error("cannot switch from automatic field numbering to manual field specification");
                }
                manual = true;
                return positional(name.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(name));
            }
            Value value = kwargs.get(name);
            if (value == null) {
                throw error("no keyword argument '" + name + "' for format field");
            }
            return value;
        }

        private Value positional(int index) {
            if (index >= args.size()) {
                throw error("replacement index " + index + " out of range (" + args.size() + " positional arguments)");
            }
            return args.get(index);
        }

        private static Value convert(Value value, char conversion) {
            if (conversion == 's') {
                return StringValue.of(Rendering.text(value));
            }
            if (conversion == 'r') {
                return StringValue.of(Rendering.nested(value));
            }
            throw error("unknown conversion specifier '" + conversion + "'");
        }
    }

    // ---- format specs ----------------------------------------------------------------------

    /**
     * A parsed {@code [[fill]align][sign][#][0][width][,|_][.precision][type]}; absent parts are
     * 0 (characters) or -1 (numbers).
     */
    private record Spec(int fill, char align, char sign, boolean alternate, boolean zero, int width, char grouping,
            int precision, char type) {

        static Spec parse(String text) {
            int[] cp = text.codePoints().toArray();
            int n = cp.length;
            int pos = 0;
            int fill = ' ';
            char align = 0;
            boolean fillGiven = false;
            if (n >= 2 && isAlign(cp[1])) {
                fill = cp[0];
                align = (char) cp[1];
                fillGiven = true;
                pos = 2;
            } else if (n >= 1 && isAlign(cp[0])) {
                align = (char) cp[0];
                pos = 1;
            }
            char sign = 0;
            if (pos < n && (cp[pos] == '+' || cp[pos] == '-' || cp[pos] == ' ')) {
                sign = (char) cp[pos++];
            }
            boolean alternate = pos < n && cp[pos] == '#';
            pos += alternate ? 1 : 0;
            boolean zero = !fillGiven && pos < n && cp[pos] == '0';
            if (zero) {
                fill = '0';
                pos++;
            }
            int start = pos;
            while (pos < n && isDigit(cp[pos])) {
                pos++;
            }
            int width = number(cp, start, pos);
            char grouping = 0;
            if (pos < n && cp[pos] == ',') {
                grouping = ',';
                pos++;
            }
            if (pos < n && cp[pos] == '_') {
                if (grouping != 0) {
                    throw error("cannot specify both ',' and '_'");
                }
                grouping = '_';
                pos++;
            }
            if (pos < n && cp[pos] == ',') {
                throw error("cannot specify both ',' and '_'");
            }
            int precision = -1;
            if (pos < n && cp[pos] == '.') {
                start = ++pos;
                while (pos < n && isDigit(cp[pos])) {
                    pos++;
                }
                if (pos == start) {
                    throw error("format specifier missing precision");
                }
                precision = number(cp, start, pos);
            }
            if (n - pos > 1 || (pos < n && cp[pos] > Character.MAX_VALUE)) {
                throw error("invalid format specifier '" + text + "'");
            }
            char type = pos < n ? (char) cp[pos] : 0;
            Spec spec = new Spec(fill, align, sign, alternate, zero, width, grouping, precision, type);
            spec.checkGrouping();
            return spec;
        }

        private static boolean isAlign(int c) {
            return c == '<' || c == '>' || c == '^' || c == '=';
        }

        private static boolean isDigit(int c) {
            return c >= '0' && c <= '9';
        }

        private static int number(int[] cp, int from, int to) {
            if (from == to) {
                return -1;
            }
            if (to - from > 9) {
                throw error("too many decimal digits in format string");
            }
            return Integer.parseInt(new String(cp, from, to - from));
        }

        /** PEP 378 and PEP 515: {@code ,} for decimal and float types, {@code _} also every four digits in b/o/x/X. */
        private void checkGrouping() {
            boolean allowed = type == 0 || "d".indexOf(type) >= 0 || NUMERIC_TYPES.indexOf(type) >= 0
                    || (grouping == '_' && "boxX".indexOf(type) >= 0);
            if (grouping != 0 && !allowed) {
                throw error("cannot specify '" + grouping + "' with '" + type + "'");
            }
        }

        /**
         * Returns the alignment to use: the given one, else {@code =} for zero-padded numbers, else
         * the default of the kind of value ({@code >} for numbers, {@code <} for text).
         */
        char alignment(boolean numeric) {
            if (align != 0) {
                return align;
            }
            if (numeric) {
                return zero ? '=' : '>';
            }
            return '<';
        }
    }

    // ---- rendering -------------------------------------------------------------------------

    private static String render(Value value, String specText) {
        if (specText.isEmpty()) {
            return Rendering.text(value);
        }
        Spec spec = Spec.parse(specText);
        char type = spec.type();
        if (value instanceof StringValue s) {
            return textField(s.value(), spec, value);
        }
        if (type == 's') {
            return textField(Rendering.text(value), spec, value);
        }
        if (value instanceof IntegerValue i && (type == 0 || INTEGER_TYPES.indexOf(type) >= 0)) {
            return integerField(i, spec);
        }
        boolean number = value instanceof IntegerValue || value instanceof FloatValue;
        if (number && (NUMERIC_TYPES.indexOf(type) >= 0 || (type == 0 && value instanceof FloatValue))) {
            return floatField(Numbers.toDouble(value), spec);
        }
        if (!number && type == 0) {
            return textField(Rendering.text(value), spec, value);
        }
        throw unknownType(type, value);
    }

    private static JobflowError unknownType(char type, Value value) {
        return error("unknown format code '" + type + "' for " + value.typeName());
    }

    /** Formats text: Strings, the text form of other values, and the results of {@code !s}/{@code !r}. */
    private static String textField(String text, Spec spec, Value value) {
        if (spec.type() != 0 && spec.type() != 's') {
            throw unknownType(spec.type(), value);
        }
        if (spec.sign() != 0) {
            throw error("sign not allowed in string format specifier");
        }
        if (spec.alternate()) {
            throw error("alternate form (#) not allowed in string format specifier");
        }
        if (spec.grouping() != 0) {
            throw error("cannot specify '" + spec.grouping() + "' with 's'");
        }
        char align = spec.alignment(false);
        if (align == '=') {
            throw error("'=' alignment not allowed in string format specifier");
        }
        String body = text;
        if (spec.precision() >= 0 && text.codePointCount(0, text.length()) > spec.precision()) {
            body = text.substring(0, text.offsetByCodePoints(0, spec.precision()));
        }
        return pad("", "", body, spec, align);
    }

    private static String integerField(IntegerValue value, Spec spec) {
        char type = spec.type() == 0 ? 'd' : spec.type();
        if (spec.precision() >= 0) {
            throw error("precision not allowed in integer format specifier");
        }
        if (type == 'c') {
            return characterField(value, spec);
        }
        int radix = type == 'b' ? 2 : type == 'o' ? 8 : type == 'd' ? 10 : 16;
        String digits = value.bigValue().abs().toString(radix);
        String prefix = spec.alternate() && radix != 10 ? "0" + type : "";
        if (type == 'X') {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        return numberField(value.signum() < 0, prefix, digits, "", spec, radix == 10 ? 3 : 4);
    }

    private static String characterField(IntegerValue value, Spec spec) {
        if (spec.sign() != 0) {
            throw error("sign not allowed with integer format specifier 'c'");
        }
        if (spec.alternate()) {
            throw error("alternate form (#) not allowed with integer format specifier 'c'");
        }
        long c = value.fitsLong() ? value.longValue() : -1;
        // lone surrogates are excluded because a String is a sequence of whole code points
        if (c < 0 || c > Character.MAX_CODE_POINT || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
            throw error("%c arg not in range(0x110000)");
        }
        // Python lays the character out as a non-digit "remainder", so zero padding goes before it
        return numberField(false, "", "", Character.toString((int) c), spec, 3);
    }

    private static String floatField(double d, Spec spec) {
        char type = spec.type();
        boolean percent = type == '%';
        double v = percent ? d * 100 : d;
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        String body = floatBody(Math.abs(v), spec, percent ? 'f' : Character.toLowerCase(type));
        if (type == 'E' || type == 'F' || type == 'G') {
            body = body.toUpperCase(Locale.ROOT);
        }
        int digits = 0;
        while (digits < body.length() && body.charAt(digits) >= '0' && body.charAt(digits) <= '9') {
            digits++;
        }
        return numberField(negative, "", body.substring(0, digits), body.substring(digits) + (percent ? "%" : ""),
                spec, 3);
    }

    /** Returns the unsigned text of {@code abs} for type {@code e}, {@code f}, {@code g} or none. */
    private static String floatBody(double abs, Spec spec, char type) {
        if (Double.isNaN(abs)) {
            return "nan";
        }
        if (Double.isInfinite(abs)) {
            return "inf";
        }
        int precision = spec.precision();
        boolean alternate = spec.alternate();
        BigDecimal exact = new BigDecimal(abs);
        switch (type) {
            case 'e':
                return scientific(exact, precision < 0 ? 6 : precision, alternate);
            case 'f':
                return fixed(exact, precision < 0 ? 6 : precision, alternate);
            case 'g':
                return general(exact, precision < 0 ? 6 : precision, alternate, false);
            default:
                return precision < 0 ? shortest(abs, alternate) : general(exact, precision, alternate, true);
        }
    }

    private static String fixed(BigDecimal exact, int precision, boolean alternate) {
        String text = exact.setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return alternate && precision == 0 ? text + "." : text;
    }

    private static String scientific(BigDecimal exact, int precision, boolean alternate) {
        Rounded r = Rounded.of(exact, precision + 1);
        String digits = r.digits();
        String mantissa = digits.substring(0, 1) + (precision > 0 || alternate ? "." : "") + digits.substring(1);
        return mantissa + exponent(r.exponent());
    }

    /**
     * Python's {@code g}: {@code precision} significant digits, fixed notation when the rounded
     * exponent is in {@code [-4, precision)}, trailing zeros dropped unless {@code alternate}.
     * Without a type ({@code keepPoint}) a fixed result keeps a digit after the point, so Python
     * switches to exponent notation one digit earlier, when no fraction digit would be left.
     */
    private static String general(BigDecimal exact, int requested, boolean alternate, boolean keepPoint) {
        int precision = Math.max(requested, 1);
        Rounded r = Rounded.of(exact, precision);
        int exp = r.exponent();
        String text;
        if (exp >= -4 && exp < (keepPoint ? precision - 1 : precision)) {
            text = r.value().setScale(precision - 1 - exp, RoundingMode.UNNECESSARY).toPlainString();
            if (alternate && text.indexOf('.') < 0) {
                text += ".";
            }
        } else {
            String digits = r.digits();
            text = digits.substring(0, 1) + (precision > 1 || alternate ? "." : "") + digits.substring(1)
                    + exponent(exp);
        }
        if (!alternate) {
            text = dropTrailingZeros(text);
        }
        if (keepPoint && text.indexOf('.') < 0 && text.indexOf('e') < 0) {
            text += ".0";
        }
        return text;
    }

    /** Python's {@code repr} digits (no type, no precision): the text form of a Float. */
    private static String shortest(double abs, boolean alternate) {
        String text = Rendering.formatFloat(abs);
        if (alternate && text.indexOf('.') < 0) {
            int e = text.indexOf('e');
            text = text.substring(0, e) + "." + text.substring(e);
        }
        return text;
    }

    private static String dropTrailingZeros(String text) {
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        String tail = e < 0 ? "" : text.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "");
            if (mantissa.endsWith(".")) {
                mantissa = mantissa.substring(0, mantissa.length() - 1);
            }
        }
        return mantissa + tail;
    }

    private static String exponent(int exp) {
        return String.format(Locale.ROOT, "e%s%02d", exp < 0 ? "-" : "+", Math.abs(exp));
    }

    /**
     * A positive value rounded half-to-even to a number of significant digits.
     *
     * @param value    the rounded value
     * @param digits   exactly the requested number of significant digits (zero-padded)
     * @param exponent the decimal exponent of the first digit
     */
    private record Rounded(BigDecimal value, String digits, int exponent) {

        static Rounded of(BigDecimal exact, int significant) {
            if (exact.signum() == 0) {
                return new Rounded(BigDecimal.ZERO, "0".repeat(significant), 0);
            }
            BigDecimal value = exact.round(new MathContext(significant, RoundingMode.HALF_EVEN));
            String unscaled = value.unscaledValue().toString();
            int exponent = unscaled.length() - 1 - value.scale();
            // rounding leaves at most the requested digits; an exact shorter value is padded with zeros
            return new Rounded(value, unscaled + "0".repeat(significant - unscaled.length()), exponent);
        }
    }

    // ---- padding and grouping --------------------------------------------------------------

    /**
     * Lays out a number as Python's {@code fill_number}: sign, prefix, integer digits (grouped,
     * and with {@code 0=} padding zero-filled through the groups) and the rest (fraction, exponent,
     * {@code %}), padded to the width.
     */
    private static String numberField(boolean negative, String prefix, String digits, String rest, Spec spec,
            int groupSize) {
        String sign = negative ? "-" : spec.sign() == '+' ? "+" : spec.sign() == ' ' ? " " : "";
        char align = spec.alignment(true);
        String grouped = digits;
        // inf and nan have no digits to group; Python pads them without separators
        if (spec.grouping() != 0 && !digits.isEmpty()) {
            int minWidth = spec.fill() == '0' && align == '='
                    ? spec.width() - length(sign) - length(prefix) - length(rest) : 0;
            grouped = group(digits, spec.grouping(), groupSize, minWidth);
        }
        return pad(sign, prefix, grouped + rest, spec, align);
    }

    /** Inserts separators every {@code size} digits from the right, zero-filling up to {@code minWidth}. */
    private static String group(String digits, char separator, int size, int minWidth) {
        StringBuilder reversed = new StringBuilder();
        int remaining = digits.length();
        int width = minWidth;
        boolean first = true;
        while (true) {
            int take = Math.min(size, Math.max(Math.max(remaining, width), 1));
            if (!first) {
                reversed.append(separator);
            }
            first = false;
            int chars = Math.min(remaining, take);
            for (int i = 0; i < chars; i++) {
                reversed.append(digits.charAt(remaining - 1 - i));
            }
            reversed.append("0".repeat(Math.max(0, take - remaining)));
            remaining -= chars;
            width -= take;
            if (remaining <= 0 && width <= 0) {
                return reversed.reverse().toString();
            }
            width -= 1;
        }
    }

    /** Pads {@code sign + prefix + body} to the spec's width; {@code =} puts the padding after the prefix. */
    private static String pad(String sign, String prefix, String body, Spec spec, char align) {
        int length = length(sign) + length(prefix) + length(body);
        int padding = Math.max(0, spec.width() - length);
        if ((long) length + padding > MAX_LENGTH) {
            throw error("formatted field too long");
        }
        int left = align == '>' ? padding : align == '^' ? padding / 2 : 0;
        int inner = align == '=' ? padding : 0;
        int right = padding - left - inner;
        String fill = Character.toString(spec.fill());
        return fill.repeat(left) + sign + prefix + fill.repeat(inner) + body + fill.repeat(right);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
