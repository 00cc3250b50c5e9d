/**
 * Builds jobflows in Java code: {@link dev.kompira.dsl.builder.Exprs} for expressions and
 * {@link dev.kompira.dsl.builder.Flows} for programs, jobflow expressions and blocks; the trees are
 * the ones the parser builds from the same source. API.
 *
 * <p>The static factories are thread-safe; the builder objects are not (use one per thread), and the
 * trees they build are immutable.
 */
package dev.kompira.dsl.builder;
