package dev.kompira.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the API refuses: the HTTP status, a stable error code for programs and a message for
 * people, sent as {@code {"error": code, "message": ...}} with any {@code details} added.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient ObjectNode details;

    ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    ApiException(int status, String code, String message, ObjectNode details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Further fields of the error body (the diagnostics of a flow that does not compile), or Java null. */
    ObjectNode details() {
        return details;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }
}
