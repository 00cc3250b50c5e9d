/**
 * Parsing, formatting and limits of dates, times and datetimes as the language writes them.
 * Internal; use the temporal values of {@link dev.kompira.core.value}.
 */
@Internal
package dev.kompira.core.value.temporal;

import dev.kompira.dsl.Internal;
