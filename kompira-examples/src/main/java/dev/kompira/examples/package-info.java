/**
 * Runnable example programs that embed the engine; each one runs in this module's tests. Examples to
 * read and copy, not a library: this module is not published.
 */
package dev.kompira.examples;
