package dev.kompira.dsl.parser;

/**
 * Unwinds the parser to the nearest recovery point after a syntax error has been reported. It never
 * leaves the parser: {@link JobflowParser} returns diagnostics, not exceptions.
 */
final class SyntaxError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SyntaxError() {
        super(null, null, false, false);
    }
}
