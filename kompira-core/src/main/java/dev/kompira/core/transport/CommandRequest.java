package dev.kompira.core.transport;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;

/**
 * One command to run, with every setting the control variables gave it (language.md §8.2.3).
 *
 * @param target       where to run
 * @param command      the command text as the jobflow wrote it
 * @param useShell     run through {@code shell -c} ({@code __use_shell__}); otherwise split into words (D68)
 * @param shell        the shell ({@code __shell__}, default {@code /bin/bash})
 * @param directory    the working directory ({@code __dir__}), or {@code null}
 * @param sudo         run through {@code sudo -S -p '' --} ({@code __sudo__})
 * @param usePty       allocate a pseudo-terminal ({@code __use_pty__})
 * @param useCache     run on a cached connection to the same target when there is one ({@code __use_cache__});
 *                     otherwise on a connection of its own, closed afterwards
 * @param stdin        the bytes for standard input (empty: end of file at once), already encoded (D69);
 *                     the transport writes the sudo password before them ({@link CommandLine#standardInput})
 * @param timeout      kill the command after this long ({@code __timeout__}), or {@code null} for no limit
 *                     (zero and negative durations also mean no limit)
 * @param encoding     the encoding of command line and output ({@code __encoding__})
 */
public record CommandRequest(Target target, String command, boolean useShell, String shell, String directory,
        boolean sudo, boolean usePty, boolean useCache, byte[] stdin, Duration timeout, Charset encoding) {

    /** Checks the components. */
    public CommandRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(shell, "shell");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(encoding, "encoding");
    }
}
