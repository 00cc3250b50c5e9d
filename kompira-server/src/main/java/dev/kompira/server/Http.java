package dev.kompira.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;

/** Reading requests and writing JSON answers. Stateless and thread-safe. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    /**
     * Returns the request body as JSON.
     *
     * @throws ApiException 400 when it is empty or not JSON (413 comes from the body limit)
     */
    static JsonNode jsonBody(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new ApiException(400, "bad_json", "the request needs a JSON body");
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "bad_json", "the body is not JSON: " + firstLine(e.getMessage()));
        }
    }

    /** Sends {@code node} as the JSON answer with {@code status}. */
    static void send(Context ctx, int status, JsonNode node) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Sends the error body {@code {"error": code, "message": ...}} of {@code e}. */
    static void sendError(Context ctx, ApiException e) {
        ObjectNode body = JSON.createObjectNode().put("error", e.code()).put("message", e.getMessage());
        if (e.details() != null) {
            body.setAll(e.details());
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        send(ctx, e.status(), body);
    }

    /** Returns the absolute object path that path parameter {@code path} names; {@code /} on a route without it. */
    static String objectPath(Context ctx) {
        String p = ctx.pathParamMap().getOrDefault("path", "");
        return p.startsWith("/") ? p : "/" + p;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
