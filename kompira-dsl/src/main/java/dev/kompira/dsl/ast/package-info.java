/**
 * The syntax tree of a jobflow program: {@link dev.kompira.dsl.ast.Program}, jobflow expressions
 * ({@link dev.kompira.dsl.ast.Flow}), jobs and blocks ({@link dev.kompira.dsl.ast.Job}) and
 * expressions ({@link dev.kompira.dsl.ast.Expr}), with visitors and
 * {@link dev.kompira.dsl.ast.TreeWalker} to traverse them. API.
 *
 * <p>Every node is an immutable record, so trees are thread-safe and can be shared freely.
 */
package dev.kompira.dsl.ast;
