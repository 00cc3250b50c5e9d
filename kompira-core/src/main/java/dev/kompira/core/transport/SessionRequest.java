package dev.kompira.core.transport;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * An interactive session to open (language.md §9.9, D87): {@code shell} run interactively on the
 * target, with a pseudo-terminal when {@code usePty}.
 *
 * @param target   where
 * @param shell    the shell ({@code __shell__})
 * @param usePty   allocate a pseudo-terminal ({@code __use_pty__})
 * @param useCache open it on a cached connection ({@code __use_cache__})
 * @param encoding how text sent and received is encoded ({@code __encoding__})
 */
public record SessionRequest(Target target, String shell, boolean usePty, boolean useCache, Charset encoding) {

    /** Checks the components. */
    public SessionRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(encoding, "encoding");
    }
}
