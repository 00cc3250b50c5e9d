/**
 * The {@code kompira} command line ({@code run}, {@code ps}, {@code check}, {@code fmt},
 * {@code init}, {@code import}, {@code export}, {@code log}, {@code diff}, {@code revert}). Internal:
 * the command line is the interface; its Java classes are not an API for embedders, who use
 * {@link dev.kompira.core.Kompira} instead.
 */
@Internal
package dev.kompira.cli;

import dev.kompira.dsl.Internal;
