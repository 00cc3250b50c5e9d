/**
 * Run-time errors of the jobflow language: {@link dev.kompira.core.error.JobflowError} and its
 * {@link dev.kompira.core.error.ErrorCode}s ({@code R-TYPE}, {@code R-PARAM}, ...), which tell errors
 * apart without parsing messages. API.
 */
package dev.kompira.core.error;
