package dev.kompira.core.transport;

import java.util.List;

/** How a {@code put} or {@code get} ended (builtins.md §3). */
public sealed interface TransferResult {

    /**
     * Every file was copied.
     *
     * @param written the destination paths, in the order the files were written
     */
    record Done(List<String> written) implements TransferResult {

        /** Copies the list. */
        public Done {
            written = List.copyOf(written);
        }
    }

    /**
     * The target could not be reached or logged into ({@code $STATUS = -1}).
     *
     * @param reason the cause, for {@code $ERROR}
     */
    record Unreachable(String reason) implements TransferResult {
    }

    /**
     * The copy failed: no file matched, a file could not be read or written ({@code $STATUS = 1}).
     * Files copied before the failure stay at the destination.
     *
     * @param reason the cause, for {@code $ERROR}, starting with the job's name
     */
    record Failed(String reason) implements TransferResult {
    }

    /**
     * The copy ran longer than {@code __timeout__} and was abandoned ({@code $STATUS = -1}); files
     * copied before stay.
     *
     * @param after the timeout that expired
     */
    record TimedOut(java.time.Duration after) implements TransferResult {
    }
}
