package dev.kompira.core.value;

import dev.kompira.core.value.pattern.GlobMatcher;
import dev.kompira.dsl.Internal;

/**
 * The matching rule of {@code case} patterns (language.md §9.3), also used by event guards (D77):
 * a Pattern matches by pattern, a String is a case-sensitive glob that matches only Strings, any
 * other value matches an equal subject.
 */
@Internal
public final class Matching {

    private Matching() {
    }

    /** Returns whether {@code subject} matches {@code pattern}. */
    public static boolean caseMatches(Value pattern, Value subject) {
        if (pattern instanceof PatternValue p) {
            return p.matches(subject);
        }
        if (pattern instanceof StringValue glob) {
            return subject instanceof StringValue s && GlobMatcher.compile(glob.value()).matches(s.value());
        }
        return Equality.equal(subject, pattern);
    }
}
