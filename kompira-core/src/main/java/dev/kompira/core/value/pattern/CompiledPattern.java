package dev.kompira.core.value.pattern;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The matching machinery behind a {@link dev.kompira.core.value.PatternValue}: one implementation per
 * kind (language.md §4.8).
 */
public sealed interface CompiledPattern {

    /** Compiles {@code text}; an invalid regular expression is {@code R-REGEX}. */
    static CompiledPattern compile(PatternKind kind, String text, boolean ignoreCase) {
        return switch (kind) {
            case REGEX -> Regex.of(text, ignoreCase);
            case GLOB -> new Glob(text, ignoreCase);
            case EXACT -> new Exact(text, ignoreCase);
        };
    }

    /** Returns whether the pattern matches {@code subject}. */
    boolean matches(Value subject);

    /** Returns the result of {@code Pattern.match(subject)}. */
    default Value match(Value subject) {
        return BooleanValue.of(matches(subject));
    }

    /** A regular expression, searched for anywhere in the subject. */
    record Regex(Pattern pattern) implements CompiledPattern {

        static Regex of(String text, boolean ignoreCase) {
            int flags = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
            if (ignoreCase) {
                flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
            }
            try {
                return new Regex(Pattern.compile(text, flags));
            } catch (PatternSyntaxException e) {
                throw new JobflowError(ErrorCode.R_REGEX, "invalid regular expression: " + e.getDescription());
            }
        }

        @Override
        public boolean matches(Value subject) {
            return subject instanceof StringValue s && pattern.matcher(s.value()).find();
        }
    }

    /** A shell-style wildcard pattern matched against the whole subject. */
    record Glob(String text, boolean ignoreCase) implements CompiledPattern {

        @Override
        public boolean matches(Value subject) {
            if (!(subject instanceof StringValue s)) {
                return false;
            }
            String p = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
            String v = ignoreCase ? s.value().toLowerCase(Locale.ROOT) : s.value();
            return GlobMatcher.matches(p, v);
        }
    }

    /** An exact text; non-Strings match by their text form (D32). */
    record Exact(String text, boolean ignoreCase) implements CompiledPattern {

        @Override
        public boolean matches(Value subject) {
            String v = subject instanceof StringValue s ? s.value() : Rendering.text(subject);
            return ignoreCase ? v.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT)) : v.equals(text);
        }
    }
}
