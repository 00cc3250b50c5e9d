package dev.kompira.core.value.pattern;

import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.util.Locale;

/**
 * The matching machinery behind a {@link dev.kompira.core.value.PatternValue}: one implementation
 * per kind (language.md §4.8). Immutable and thread-safe.
 */
public sealed interface CompiledPattern permits RegexPattern, CompiledPattern.Glob, CompiledPattern.Exact {

    /** Compiles {@code text}; an invalid regular expression is {@code R-REGEX}. */
    static CompiledPattern compile(PatternKind kind, String text, boolean ignoreCase) {
        return switch (kind) {
            case REGEX -> RegexPattern.of(text, ignoreCase);
            case GLOB -> new Glob(text, ignoreCase);
            case EXACT -> new Exact(text, ignoreCase);
        };
    }

    /**
     * Returns whether the pattern matches {@code subject}. A regular expression that runs on an
     * interrupted thread may throw {@code R-VALUE} {@code pattern match interrupted}.
     */
    boolean matches(Value subject);

    /** Returns the result of {@code Pattern.match(subject)}: {@code false}, {@code true} or a match Dictionary. */
    default Value match(Value subject) {
        return BooleanValue.of(matches(subject));
    }

    /**
     * Unicode lower-casing, used on both sides by case-insensitive globs and exact patterns. The
     * root locale keeps the result independent of the engine's default locale.
     */
    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** A glob pattern, matched against the whole of a String subject; never matches a non-String (D32). */
    final class Glob implements CompiledPattern {

        private final GlobMatcher matcher;
        private final boolean ignoreCase;

        Glob(String text, boolean ignoreCase) {
            this.matcher = GlobMatcher.compile(ignoreCase ? lower(text) : text);
            this.ignoreCase = ignoreCase;
        }

        @Override
        public boolean matches(Value subject) {
            return subject instanceof StringValue s && matcher.matches(ignoreCase ? lower(s.value()) : s.value());
        }
    }

    /** An exact text; a non-String subject matches by its text form (D32). */
    final class Exact implements CompiledPattern {

        private final String expected;
        private final boolean ignoreCase;

        Exact(String text, boolean ignoreCase) {
            this.expected = ignoreCase ? lower(text) : text;
            this.ignoreCase = ignoreCase;
        }

        @Override
        public boolean matches(Value subject) {
            String actual = Rendering.text(subject);
            return (ignoreCase ? lower(actual) : actual).equals(expected);
        }
    }
}
