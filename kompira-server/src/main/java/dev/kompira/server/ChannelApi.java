package dev.kompira.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.Kompira;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.event.Waitable;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The channel routes: send a message to a Channel object, peek at its queue. Thread-safe. */
final class ChannelApi {

    private final Kompira engine;

    ChannelApi(Kompira engine) {
        this.engine = engine;
    }

    /**
     * {@code POST /api/v1/channels/{path}/messages}: a JSON body ({@code Content-Type: application/json})
     * is sent as the value it gives, any other body as a String.
     */
    void send(Context ctx) {
        String path = Http.objectPath(ctx);
        ChannelValue channel = channel(path);
        Value message;
        String type = ctx.contentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            try {
                message = ApiValues.decode(Http.jsonBody(ctx));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the message is not a value: " + e.getMessage());
            }
        } else {
            message = StringValue.of(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
        }
        try {
            channel.send(message);
        } catch (Waitable.Closed e) {
            throw ApiException.conflict(path + " takes no messages: " + e.getMessage());
        }
        Http.send(ctx, 202, Http.JSON.createObjectNode().put("path", path).put("queued", channel.pending().size()));
    }

    /** {@code GET /api/v1/channels/{path}/messages}: the queued messages, oldest first, left in the queue. */
    void peek(Context ctx) {
        String path = Http.objectPath(ctx);
        ObjectNode body = Http.JSON.createObjectNode().put("path", path);
        ArrayNode messages = body.putArray("messages");
        channel(path).pending().forEach(m -> messages.add(ApiValues.encode(m)));
        Http.send(ctx, 200, body);
    }

    private ChannelValue channel(String path) {
        StoredObject o = engine.tree().get(path).orElseThrow(() -> ApiException.notFound("no object at " + path));
        ChannelValue channel = new ObjectValue(engine.tree(), o.id(), path).channel();
        if (channel == null) {
            throw ApiException.notFound(path + " is a " + engine.tree().typeName(o) + ", not a Channel");
        }
        return channel;
    }
}
