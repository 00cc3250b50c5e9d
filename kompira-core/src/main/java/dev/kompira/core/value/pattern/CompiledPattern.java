package dev.kompira.core.value.pattern;

import dev.kompira.dsl.ast.PatternKind;
import java.util.Locale;
import java.util.Optional;

/**
 * The matching machinery behind a {@code PatternValue}: one implementation per kind (language.md
 * §4.8). It works on text; which values are matched and how a match becomes a value is the
 * Pattern value's business. Immutable and thread-safe.
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
     * Returns whether the pattern matches the text {@code subject}. A regular expression that runs on
     * an interrupted thread may throw {@code R-VALUE} {@code pattern match interrupted}.
     */
    boolean matches(String subject);

    /** Returns whether values other than Strings are matched by their text form (D32), not refused. */
    default boolean matchesTextForms() {
        return false;
    }

    /** Returns where a regular expression first matches {@code subject}; other kinds give no details. */
    default Optional<RegexMatch> search(String subject) {
        return Optional.empty();
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
        public boolean matches(String subject) {
            return matcher.matches(ignoreCase ? lower(subject) : subject);
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
        public boolean matches(String subject) {
            return (ignoreCase ? lower(subject) : subject).equals(expected);
        }

        @Override
        public boolean matchesTextForms() {
            return true;
        }
    }
}
