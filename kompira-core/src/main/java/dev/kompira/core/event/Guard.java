package dev.kompira.core.event;

import dev.kompira.core.value.Value;
import dev.kompira.dsl.Internal;

/**
 * The guard of an event job (language.md §8.5): none, {@code ? guard} (the head of the queue must
 * match) or {@code ?? guard} (messages before the first match are discarded). Matching follows the
 * case rule (D77, {@link dev.kompira.core.value.Matching}).
 *
 * @param mode    how the guard applies
 * @param pattern the guard value, or Java null for {@link Mode#NONE}
 */
@Internal
public record Guard(Mode mode, Value pattern) {

    /** No guard: the head of the queue is received. */
    public static final Guard NONE = new Guard(Mode.NONE, null);

    /** How a guard applies. */
    public enum Mode {
        /** Receive the head. */
        NONE,
        /** {@code ?}: receive the head only if it matches. */
        HEAD,
        /** {@code ??}: receive the first match, discarding the messages before it (D78). */
        SCAN
    }
}
