package dev.kompira.server;

import io.javalin.http.Handler;

/**
 * One route of the API: its method, its path as the OpenAPI document writes it
 * ({@code /api/v1/processes/{pid}}; a parameter named {@code path} takes an object path, slashes and
 * all), the least role that may use it, and what answers it.
 *
 * @param method  {@code GET}, {@code POST} or {@code DELETE}
 * @param path    the path template
 * @param role    the least role a token needs
 * @param handler what answers
 */
record Route(String method, String path, Role role, Handler handler) {

    /** The path as Javalin matches it: {@code {path}} becomes {@code <path>}, which takes slashes too. */
    String javalinPath() {
        return path.replace("{path}", "<path>");
    }
}
