package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;

/**
 * A failure that fails the job being performed instead of ending the process: a library function
 * that fails inside an expression fails the enclosing job (objects.md §4.6). {@link FlowFrame} turns
 * it into {@code $STATUS = 1} and {@code $ERROR}; where no job is being performed (a loop condition)
 * it ends the process like {@code R-CALL-FAILED}.
 */
final class JobFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    JobFailure(String message) {
        super(message, null, false, false);
    }

    /** The run-time error it is where no job can fail. */
    JobflowError asError() {
        return new JobflowError(ErrorCode.R_CALL_FAILED, getMessage());
    }
}
