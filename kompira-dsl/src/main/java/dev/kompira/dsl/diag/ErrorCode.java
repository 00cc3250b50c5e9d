package dev.kompira.dsl.diag;

/**
 * The compile-time error codes of language.md §14.2. Each diagnostic carries one, so tools and
 * tests can tell errors apart without parsing messages.
 */
public enum ErrorCode {
    /** Program text longer than 65 536 characters. */
    E_SIZE,
    /** A character that cannot start a token. */
    E_CHAR,
    /** A literal without its closing quote(s), or a raw line break in a one-line literal. */
    E_UNTERMINATED,
    /** A malformed escape sequence. */
    E_ESCAPE,
    /** A non-ASCII character in a binary literal. */
    E_BINARY,
    /** A malformed number literal. */
    E_NUMBER,
    /** A {@code $name} other than the five status variables. */
    E_STATUSVAR,
    /** Any violation of the grammar. */
    E_SYNTAX,
    /** A keyword where a name is required. */
    E_KEYWORD,
    /** A status variable assigned or used as a bare update target. */
    E_ASSIGNSTATUS,
    /** The same key twice in a {@code {name = ...}} dictionary display. */
    E_DUPKEY,
    /** The same keyword twice in one argument list. */
    E_DUPARG,
    /** Two parameter declarations with the same name. */
    E_DUPPARAM,
    /** The same name twice in the bindings of one simple block. */
    E_DUPBINDING,
    /** {@code break} or {@code continue} without a valid target. */
    E_CONTROL,
    /** A call of a name that is neither a built-in nor (in an expression) a visible variable. */
    E_UNKNOWNCALL,
    /** A built-in job used inside an expression. */
    E_JOBINEXPR,
    /** A variable not certainly defined at the point of use. */
    E_UNDEFINED,
    /** More than 4 096 jobs in one jobflow expression. */
    E_TOOMANYJOBS,
    /** Blocks and brackets nested more than 256 deep. */
    E_NESTING;

    /**
     * Returns whether an error with this code means the syntax tree does not faithfully represent the
     * source (a token or a construct was lost or replaced), so the tree must not be formatted.
     */
    public boolean preventsFormatting() {
        switch (this) {
            case E_CHAR: case E_UNTERMINATED: case E_ESCAPE: case E_BINARY: case E_NUMBER:
            case E_SYNTAX: case E_KEYWORD: case E_NESTING:
                return true;
            default:
                return false;
        }
    }

    /** Returns the code as the specification writes it, e.g. {@code E-SYNTAX}. */
    public String code() {
        return name().replace('_', '-');
    }
}
