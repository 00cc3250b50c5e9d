package dev.kompira.amqp;

import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.TransferResult;
import java.time.Duration;
import java.util.List;

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
 * @param written       the paths a {@code put} wrote on the target ({@link Kind#COPIED}), else null
 * @param files         the files a {@code get} brought ({@link Kind#COPIED}), else null
 */
record ReplyMessage(String id, Kind kind, String worker, int exitStatus, byte[] stdout, byte[] stderr, String reason,
        Long timeoutMillis, List<String> written, List<FileMessage> files) {

    /** The kinds of reply. */
    enum Kind {
        /** The job manager has taken the request for good and is about to start the command. */
        STARTED,
        /** The command ran and exited. */
        COMPLETED,
        /** The command could not run. */
        UNREACHABLE,
        /** The command ran out of time and was killed; or the copy did. */
        TIMED_OUT,
        /** A {@code put} or {@code get} copied every file. */
        COPIED,
        /** A {@code put} or {@code get} failed ({@code $STATUS = 1}): no such file, a file that cannot be written. */
        COPY_FAILED
    }

    static ReplyMessage started(String id, String worker) {
        return new ReplyMessage(id, Kind.STARTED, worker, 0, null, null, null, null, null, null);
    }

    static ReplyMessage unreachable(String id, String reason) {
        return new ReplyMessage(id, Kind.UNREACHABLE, null, 0, null, null, reason, null, null, null);
    }

    /** The reply that carries {@code result}. */
    static ReplyMessage of(String id, CommandResult result) {
        if (result instanceof CommandResult.Completed c) {
            return new ReplyMessage(id, Kind.COMPLETED, null, c.exitStatus(), c.stdout(), c.stderr(), null, null, null, null);
        }
        if (result instanceof CommandResult.TimedOut t) {
            return new ReplyMessage(id, Kind.TIMED_OUT, null, 0, null, null, null, t.after().toMillis(), null, null);
        }
        return unreachable(id, ((CommandResult.Unreachable) result).reason());
    }

    /** The reply that carries how a copy ended; {@code files}: what a {@code get} brought, else null. */
    static ReplyMessage of(String id, TransferResult result, List<FileMessage> files) {
        if (result instanceof TransferResult.Done d) {
            return new ReplyMessage(id, Kind.COPIED, null, 0, null, null, null, null, d.written(), files);
        }
        if (result instanceof TransferResult.TimedOut t) {
            return new ReplyMessage(id, Kind.TIMED_OUT, null, 0, null, null, null, t.after().toMillis(), null, null);
        }
        if (result instanceof TransferResult.Failed f) {
            return new ReplyMessage(id, Kind.COPY_FAILED, null, 0, null, null, f.reason(), null, null, null);
        }
        return unreachable(id, ((TransferResult.Unreachable) result).reason());
    }

    /** How the copy ended, for the replies of a {@code put} or {@code get}; {@link Kind#COPIED} gives the paths written at the target. */
    TransferResult toTransferResult() {
        return switch (kind) {
            case COPIED -> new TransferResult.Done(written == null ? List.of() : written);
            case COPY_FAILED -> new TransferResult.Failed(reason == null ? "job manager gave no reason" : reason);
            case TIMED_OUT -> new TransferResult.TimedOut(Duration.ofMillis(timeoutMillis == null ? 0 : timeoutMillis));
            case UNREACHABLE -> new TransferResult.Unreachable(reason == null ? "job manager gave no reason" : reason);
            case STARTED, COMPLETED -> new TransferResult.Unreachable("the job manager answered a copy with " + kind);
        };
    }

    /** The result this reply carries; not for {@link Kind#STARTED}. */
    CommandResult toResult() {
        return switch (kind) {
            case COMPLETED -> new CommandResult.Completed(exitStatus, orEmpty(stdout), orEmpty(stderr));
            case TIMED_OUT -> new CommandResult.TimedOut(Duration.ofMillis(timeoutMillis == null ? 0 : timeoutMillis));
            case UNREACHABLE -> new CommandResult.Unreachable(reason == null ? "job manager gave no reason" : reason);
            case COPIED, COPY_FAILED -> new CommandResult.Unreachable("the job manager answered a command with " + kind);
            case STARTED -> throw new IllegalStateException("a STARTED note carries no result");
        };
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }
}
