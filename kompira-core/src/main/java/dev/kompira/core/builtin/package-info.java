/**
 * The built-in functions of the language ({@code int}, {@code json_parse}, {@code datetime}, ...) and
 * their catalogue. Internal: jobflows call them, embedders do not.
 */
@Internal
package dev.kompira.core.builtin;

import dev.kompira.dsl.Internal;
