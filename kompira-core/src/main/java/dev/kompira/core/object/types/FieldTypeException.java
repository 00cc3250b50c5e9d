package dev.kompira.core.object.types;

/**
 * A field declaration ({@code Type[<Elem>][#json]}, objects.md §3.5) that cannot be used: unknown
 * type name, misplaced or disallowed element type, invalid qualifier JSON, or an enforced qualifier
 * of the wrong form. Saving a TypeObject, Form or Config with such a declaration is an error; an
 * import falls back to {@link FieldType#parseLenient}. The message quotes the declaration.
 */
public final class FieldTypeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its user-facing message. */
    public FieldTypeException(String message) {
        super(message, null, false, false);
    }
}
