package dev.kompira.core.object.io;

import java.util.List;

/**
 * An import that was rejected; nothing of it was applied. The message lists every error, one a
 * line, each starting with the object path (or CSV row) concerned and naming the rule broken.
 */
public final class ImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The errors, kept as strings so the exception stays serialisable. */
    private final List<String> errors;

    /** Creates the exception for {@code errors} (at least one). */
    public ImportException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    /** Creates the exception for one error. */
    public ImportException(String error) {
        this(List.of(error));
    }

    /** Returns the errors in the order they were found. */
    public List<String> errors() {
        return errors;
    }
}
