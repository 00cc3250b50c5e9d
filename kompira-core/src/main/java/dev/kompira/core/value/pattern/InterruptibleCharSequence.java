package dev.kompira.core.value.pattern;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;

/**
 * The subject of a regular-expression match, made interruptible (language.md Appendix B).
 * {@code java.util.regex} never checks for interruption, so a catastrophically backtracking
 * match would ignore a request to terminate or suspend the process. The matcher reads the subject
 * only through {@link #charAt}; every {@value #CHECK_INTERVAL} reads, this wrapper checks the
 * current thread's interrupt flag and, when it is set, aborts the match with the run-time error
 * {@code R-VALUE} {@code pattern match interrupted}.
 *
 * <p>The interrupt flag is left set, so that the caller (the VM) still sees the interruption and
 * handles it as it handles any other interrupted operation.
 *
 * <p>Used by one matcher on one thread; not thread-safe.
 */
final class InterruptibleCharSequence implements CharSequence {

    /** Reads between two checks of the interrupt flag: a power of two, so the test is a mask. */
    static final int CHECK_INTERVAL = 1 << 12;

    private final String text;
    private int reads;

    InterruptibleCharSequence(String text) {
        this.text = text;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & (CHECK_INTERVAL - 1)) == 0 && Thread.currentThread().isInterrupted()) {
            throw new JobflowError(ErrorCode.R_VALUE, "pattern match interrupted");
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    /** Returns a plain String: the matcher calls this only to extract a matched group. */
    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
