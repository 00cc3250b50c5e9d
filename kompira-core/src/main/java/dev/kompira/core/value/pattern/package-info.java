/**
 * The matching engines behind Pattern values and globs: regular expressions translated from
 * Python's syntax, globs and exact patterns. Internal; use {@link dev.kompira.core.value.PatternValue}.
 */
@Internal
package dev.kompira.core.value.pattern;

import dev.kompira.dsl.Internal;
