/**
 * Calls: the evaluated {@link dev.kompira.core.call.Arguments} of a call (what a library function
 * receives) and the {@link dev.kompira.core.call.Signature} that binds them to parameters. API;
 * immutable and thread-safe.
 */
package dev.kompira.core.call;
