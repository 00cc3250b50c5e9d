package dev.kompira.amqp;

/**
 * A file inside a {@code put} request or a {@code get} reply (docs/jobmanagers.md).
 *
 * @param path       where the file goes, relative: its first element is the name of the copied file
 *                   or directory, the rest its place inside that directory
 * @param executable whether the file was executable by its owner
 * @param content    the bytes (base64 in JSON)
 */
record FileMessage(String path, boolean executable, byte[] content) {
}
