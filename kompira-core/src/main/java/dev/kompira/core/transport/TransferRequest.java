package dev.kompira.core.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * One {@code put} or {@code get} (builtins.md §3): files copied between the engine host and a target.
 *
 * @param target      the other host
 * @param direction   which way the files go
 * @param source      the path to copy, possibly with the wildcards {@code *}, {@code ?} and {@code [...]}
 *                    in its elements: on the engine host for {@code put} (relative to the engine's working
 *                    directory), on the target for {@code get}
 * @param destination where to copy to: a file, or a directory to place the files in
 * @param directory   the directory relative target paths start from ({@code __dir__}), or {@code null}
 *                    for the login user's home (on a local target: the engine's working directory)
 * @param sudo        write with root privileges ({@code __sudo__}); a transport that cannot refuses the job
 * @param useCache    use a cached connection ({@code __use_cache__})
 * @param timeout     give up after this long ({@code __timeout__}), or {@code null}
 * @param executable  create each copy private and executable (mode 0700) before writing any of it:
 *                    the copy of a ScriptJob's file, whose text may hold secrets
 */
public record TransferRequest(Target target, Direction direction, String source, String destination, String directory,
        boolean sudo, boolean useCache, Duration timeout, boolean executable) {

    /** Which way files go. */
    public enum Direction {
        /** From the engine host to the target. */
        PUT,
        /** From the target to the engine host. */
        GET
    }

    /** Checks the components. */
    public TransferRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    /** The built-in job's name, for messages. */
    public String job() {
        return direction == Direction.PUT ? "put" : "get";
    }
}
