package dev.kompira.amqp;

import dev.kompira.core.transport.CommandResult;
import java.time.Duration;

/**
 * What a job manager sends back to the engine for a request, in JSON (docs/jobmanagers.md): first
 * {@link Kind#STARTED} just before the command starts, then one of the outcomes.
 *
 * @param id            the request's id
 * @param kind          what happened
 * @param worker        the name of the job manager's liveness queue ({@link Kind#STARTED}), else null
 * @param exitStatus    the exit status ({@link Kind#COMPLETED})
 * @param stdout        standard output ({@link Kind#COMPLETED}; base64 in JSON)
 * @param stderr        standard error ({@link Kind#COMPLETED}; base64 in JSON)
 * @param reason        why the command did not run ({@link Kind#UNREACHABLE})
 * @param timeoutMillis the timeout that expired ({@link Kind#TIMED_OUT})
 */
record ReplyMessage(String id, Kind kind, String worker, int exitStatus, byte[] stdout, byte[] stderr, String reason,
        Long timeoutMillis) {

    /** The kinds of reply. */
    enum Kind {
        /** The job manager has taken the request for good and is about to start the command. */
        STARTED,
        /** The command ran and exited. */
        COMPLETED,
        /** The command could not run. */
        UNREACHABLE,
        /** The command ran out of time and was killed. */
        TIMED_OUT
    }

    static ReplyMessage started(String id, String worker) {
        return new ReplyMessage(id, Kind.STARTED, worker, 0, null, null, null, null);
    }

    static ReplyMessage unreachable(String id, String reason) {
        return new ReplyMessage(id, Kind.UNREACHABLE, null, 0, null, null, reason, null);
    }

    /** The reply that carries {@code result}. */
    static ReplyMessage of(String id, CommandResult result) {
        if (result instanceof CommandResult.Completed c) {
            return new ReplyMessage(id, Kind.COMPLETED, null, c.exitStatus(), c.stdout(), c.stderr(), null, null);
        }
        if (result instanceof CommandResult.TimedOut t) {
            return new ReplyMessage(id, Kind.TIMED_OUT, null, 0, null, null, null, t.after().toMillis());
        }
        return unreachable(id, ((CommandResult.Unreachable) result).reason());
    }

    /** The result this reply carries; not for {@link Kind#STARTED}. */
    CommandResult toResult() {
        return switch (kind) {
            case COMPLETED -> new CommandResult.Completed(exitStatus, orEmpty(stdout), orEmpty(stderr));
            case TIMED_OUT -> new CommandResult.TimedOut(Duration.ofMillis(timeoutMillis == null ? 0 : timeoutMillis));
            case UNREACHABLE -> new CommandResult.Unreachable(reason == null ? "job manager gave no reason" : reason);
            case STARTED -> throw new IllegalStateException("a STARTED note carries no result");
        };
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }
}
