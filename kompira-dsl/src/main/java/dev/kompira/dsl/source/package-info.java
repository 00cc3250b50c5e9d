/**
 * Source text and positions: {@link dev.kompira.dsl.source.SourceText} (a jobflow's text and the
 * name it is reported under) and {@link dev.kompira.dsl.source.Span} (where a token or node is). API;
 * immutable and thread-safe.
 */
package dev.kompira.dsl.source;
