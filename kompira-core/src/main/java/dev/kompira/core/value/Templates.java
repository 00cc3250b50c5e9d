package dev.kompira.core.value;

import dev.kompira.dsl.Internal;
import java.util.function.Function;

/**
 * The scanner shared by {@code $name} interpolation (language.md §7.3) and {@code %name} template
 * expansion (§7.6): a marker character followed by an identifier or by {@code {any text}}, the
 * doubled marker for the character itself, and any unresolved placeholder kept as written.
 */
@Internal
public final class Templates {

    private Templates() {
    }

    /** Expands {@code %name} / {@code %{name}} placeholders with {@code lookup} (Java null = unresolved). */
    public static String expand(String template, Function<String, Value> lookup) {
        return expand(template, '%', lookup);
    }

    /** Expands placeholders introduced by {@code marker}; {@code lookup} returns Java null for unresolved names. */
    public static String expand(String template, char marker, Function<String, Value> lookup) {
        int first = template.indexOf(marker);
        if (first < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16).append(template, 0, first);
        int i = first;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != marker || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == marker) {
                out.append(marker);
                i += 2;
            } else if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                } else {
                    i = substitute(template, i, close + 1, template.substring(i + 2, close), lookup, out);
                }
            } else if (isIdentifierStart(template.codePointAt(i + 1))) {
                int end = i + 1;
                while (end < n && isWordChar(template.codePointAt(end))) {
                    end += Character.charCount(template.codePointAt(end));
                }
                i = substitute(template, i, end, template.substring(i + 1, end), lookup, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Returns the names of the placeholders of {@code template} in order (for compile-time resolution). */
    public static java.util.List<String> placeholders(String template, char marker) {
        java.util.List<String> names = new java.util.ArrayList<>();
        expand(template, marker, name -> {
            names.add(name);
            return null;
        });
        return names;
    }

    private static int substitute(String template, int start, int end, String name, Function<String, Value> lookup,
            StringBuilder out) {
        Value value = lookup.apply(name);
        if (value == null) {
            out.append(template, start, end);
        } else {
            out.append(Rendering.text(value));
        }
        return end;
    }

    private static boolean isIdentifierStart(int c) {
        return isWordChar(c) && !(c >= '0' && c <= '9');
    }

    /** A word character as Python's {@code \w}: letters, digits and underscore of every script. */
    private static boolean isWordChar(int c) {
        return c == '_' || Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                || Character.getType(c) == Character.COMBINING_SPACING_MARK || Character.getType(c) == Character.CONNECTOR_PUNCTUATION;
    }
}
