/**
 * The compile-time checks of a parsed program (undefined names, duplicate parameters, misplaced
 * {@code break}, ...) and the catalogue of built-in names. Internal: call
 * {@link dev.kompira.dsl.parser.JobflowParser#check(String, String)} instead.
 */
@Internal
package dev.kompira.dsl.check;

import dev.kompira.dsl.Internal;
