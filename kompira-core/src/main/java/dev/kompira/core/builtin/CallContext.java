package dev.kompira.core.builtin;

import java.time.Clock;
import java.time.ZoneId;

/**
 * What a built-in function may know about the engine and the process that calls it. Implemented
 * by the VM; built-ins never reach for global state.
 */
public interface CallContext {

    /** Returns the engine's time zone (D38). */
    ZoneId zone();

    /** Returns the engine's clock (tests may fix it). */
    Clock clock();
}
