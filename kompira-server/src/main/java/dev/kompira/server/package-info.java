/**
 * The engine as a service (docs/server.md): {@link dev.kompira.server.KompiraServer} serves an engine's
 * processes, consoles, channels and objects over HTTP, JSON in and out, to the bearer tokens of a
 * {@link dev.kompira.server.TokenStore}, each of a {@link dev.kompira.server.Role}. API.
 */
package dev.kompira.server;
