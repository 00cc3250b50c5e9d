package dev.kompira.core.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where values become text (language.md §5): the <em>text form</em> (how a value
 * appears on its own: {@code print}, interpolation, {@code string()}) and the <em>nested form</em>
 * (inside containers; differs only for Strings, which are quoted as Python's {@code repr}, D46).
 */
public final class Rendering {

    private Rendering() {
    }

    /** Returns the text form of {@code value}. */
    public static String text(Value value) {
        if (value instanceof StringValue s) {
            return s.value();
        }
        StringBuilder out = new StringBuilder();
        render(value, out, new IdentityHashMap<>());
        return out.toString();
    }

    /** Returns the nested form of {@code value} (how it appears inside an Array or Dictionary). */
    public static String nested(Value value) {
        StringBuilder out = new StringBuilder();
        render(value, out, new IdentityHashMap<>());
        return out.toString();
    }

    private static void render(Value value, StringBuilder out, Map<Value, Boolean> open) {
        if (value instanceof StringValue s) {
            quote(s.value(), out);
        } else if (value instanceof ArrayValue a) {
            renderArray(a, out, open);
        } else if (value instanceof DictionaryValue d) {
            renderDictionary(d, out, open);
        } else {
            out.append(scalar(value));
        }
    }

    private static void renderArray(ArrayValue array, StringBuilder out, Map<Value, Boolean> open) {
        if (open.put(array, Boolean.TRUE) != null) {
            out.append("[...]");
            return;
        }
        out.append('[');
        for (int i = 0; i < array.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            render(array.get(i), out, open);
        }
        out.append(']');
        open.remove(array);
    }

    private static void renderDictionary(DictionaryValue dict, StringBuilder out, Map<Value, Boolean> open) {
        if (open.put(dict, Boolean.TRUE) != null) {
            out.append("{...}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<Value, Value> entry : dict.entries()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            out.append(text(entry.getKey())).append('=');
            render(entry.getValue(), out, open);
        }
        out.append('}');
        open.remove(dict);
    }

    private static String scalar(Value value) {
        if (value instanceof NullValue) {
            return "null";
        } else if (value instanceof BooleanValue b) {
            return b.truthy() ? "true" : "false";
        } else if (value instanceof IntegerValue i) {
            return i.toString();
        } else if (value instanceof FloatValue f) {
            return formatFloat(f.value());
        } else if (value instanceof BinaryValue b) {
            return binary(b);
        } else if (value instanceof PatternValue p) {
            return p.kind().prefix() + quoted(p.text()) + (p.ignoreCase() ? "i" : "");
        } else if (value instanceof DatetimeValue d) {
            return datetime(d.value());
        } else if (value instanceof DateValue d) {
            return d.value().toString();
        } else if (value instanceof TimeValue t) {
            return time(t.value());
        } else if (value instanceof TimedeltaValue t) {
            return timedelta(t);
        } else if (value instanceof MethodValue m) {
            return "<method " + m.name() + ">";
        }
        return ((ExternalValue) value).text();
    }

    /** Returns {@code s} quoted as a String literal in nested form (D46). */
    public static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(s, out);
        return out.toString();
    }

    private static void quote(String s, StringBuilder out) {
        char q = quoteFor(s.indexOf('\'') >= 0, s.indexOf('"') >= 0);
        out.append(q);
        s.codePoints().forEach(c -> {
            if (appendEscaped(c, q, out)) {
                return;
            }
            if (c < 0x7f || isPrintable(c)) {
                out.appendCodePoint(c);
            } else if (c <= 0xff) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else if (c <= 0xffff) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                out.append(String.format(Locale.ROOT, "\\U%08x", c));
            }
        });
        out.append(q);
    }

    /** The quote of D46 rule 1 (also D48): {@code "} only when the text has {@code '} and no {@code "}. */
    private static char quoteFor(boolean hasSingle, boolean hasDouble) {
        return hasSingle && !hasDouble ? '"' : '\'';
    }

    /**
     * Appends the escapes shared by Strings and Binaries (backslash, TAB, LF, CR, the quote, other
     * ASCII controls as {@code \xhh}); returns false for a character that is not escaped this way.
     */
    private static boolean appendEscaped(int c, char quote, StringBuilder out) {
        switch (c) {
            case '\\' -> out.append("\\\\");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            default -> {
                if (c == quote) {
                    out.append('\\').append((char) c);
                } else if (c < 0x20 || c == 0x7f) {
                    out.append(String.format(Locale.ROOT, "\\x%02x", c));
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isPrintable(int c) {
        int type = Character.getType(c);
        return switch (type) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            case Character.SPACE_SEPARATOR -> c == ' ';
            default -> true;
        };
    }

    private static String binary(BinaryValue b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (int i = 0; i < b.length(); i++) {
            hasSingle |= b.unsignedAt(i) == '\'';
            hasDouble |= b.unsignedAt(i) == '"';
        }
        char q = quoteFor(hasSingle, hasDouble);
        StringBuilder out = new StringBuilder("b").append(q);
        for (int i = 0; i < b.length(); i++) {
            int c = b.unsignedAt(i);
            if (!appendEscaped(c, q, out)) {
                if (c < 0x7f) {
                    out.append((char) c);
                } else {
                    out.append(String.format(Locale.ROOT, "\\x%02x", c));
                }
            }
        }
        return out.append(q).toString();
    }

    /**
     * Formats a Float with the shortest digits that read back to the same double (D47): plain
     * notation for decimal exponents -4 to 15, scientific otherwise, {@code inf}, {@code nan}.
     */
    public static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            return sign + plain(digits, exponent);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + String.format(Locale.ROOT, "e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
    }

    /**
     * Returns the decimal with the fewest significant digits that reads back as {@code d} (positive
     * and finite) and, among those, the one nearest to {@code d} — the digits of Python's
     * {@code repr}. Java 17's {@code Double.toString} is not always shortest, so they are computed
     * here from the exact value. Reading back succeeds for every digit count from the shortest on,
     * so the count is found by binary search; 17 digits always suffice.
     */
    private static BigDecimal shortestDecimal(double d) {
        BigDecimal exact = new BigDecimal(d);
        int low = 1;
        int high = 17;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (nearestReadingBack(exact, mid, d) != null) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return nearestReadingBack(exact, low, d);
    }

    /**
     * Returns the {@code digits}-digit decimal nearest to {@code exact} that reads back as
     * {@code d}, or Java {@code null}. Only the two neighbours of {@code exact} can qualify; when
     * both do and are equally near, the even one is taken.
     */
    private static BigDecimal nearestReadingBack(BigDecimal exact, int digits, double d) {
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(digits, RoundingMode.UP));
        boolean downReads = down.doubleValue() == d;
        boolean upReads = up.doubleValue() == d;
        if (downReads && upReads) {
            int nearer = exact.subtract(down).compareTo(up.subtract(exact));
            return nearer < 0 ? down : nearer > 0 ? up : exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        }
        return downReads ? down : upReads ? up : null;
    }

    private static String plain(String digits, int exponent) {
        if (exponent < 0) {
            return "0." + "0".repeat(-exponent - 1) + digits;
        }
        if (digits.length() <= exponent + 1) {
            return digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        }
        return digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    }

    private static String datetime(ZonedDateTime value) {
        ZoneOffset offset = value.getOffset();
        int total = offset.getTotalSeconds();
        String sign = total < 0 ? "-" : "+";
        int abs = Math.abs(total);
        return value.toLocalDate() + " " + time(value.toLocalTime())
                + String.format(Locale.ROOT, "%s%02d:%02d", sign, abs / 3600, abs / 60 % 60);
    }

    private static String time(LocalTime t) {
        String base = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(Locale.ROOT, ".%06d", micros);
    }

    private static String timedelta(TimedeltaValue t) {
        long seconds = t.seconds();
        String clock = String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        if (t.microseconds() != 0) {
            clock += String.format(Locale.ROOT, ".%06d", t.microseconds());
        }
        if (t.days() == 0) {
            return clock;
        }
        return t.days() + (Math.abs(t.days()) == 1 ? " day, " : " days, ") + clock;
    }
}
