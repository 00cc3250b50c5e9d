package dev.kompira.server;

import java.time.Instant;

/**
 * What is known of a token without its secret: the name it was given, its role and when it was made.
 * Immutable.
 *
 * @param name    the unique name ({@code ci}, {@code grafana}) that {@code kompira token revoke} takes
 * @param role    what the token may do
 * @param created when it was made
 */
public record TokenInfo(String name, Role role, Instant created) {
}
