package dev.kompira.core.http;

/**
 * The body of a request and its Content-Type ({@code null}: none is sent). Immutable by
 * convention: the bytes are not copied and not changed after construction.
 *
 * @param bytes       the body
 * @param contentType its media type, or Java null
 */
record RequestBody(byte[] bytes, String contentType) {
}
