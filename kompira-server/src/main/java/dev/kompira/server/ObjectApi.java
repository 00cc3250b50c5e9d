package dev.kompira.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kompira.core.Kompira;
import dev.kompira.core.object.io.ExportOptions;
import dev.kompira.core.object.io.KompiraExport;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The object route: an object, with its children when it has any, in Kompira's JSON export format.
 * Password values are written as {@code ""} and File values by name only: secrets and attachments
 * never leave the server. Writes go through Git review, not the API. Thread-safe.
 */
final class ObjectApi {

    private final Kompira engine;

    ObjectApi(Kompira engine) {
        this.engine = engine;
    }

    /** {@code GET /api/v1/objects/{path}}, and {@code GET /api/v1/objects} for the root's children. */
    void read(Context ctx) {
        String path = Http.objectPath(ctx);
        if (engine.tree().get(path).isEmpty()) {
            throw ApiException.notFound("no object at " + path);
        }
        StringWriter out = new StringWriter();
        KompiraExport.exportJson(engine.tree(), path, out, ExportOptions.defaults()
                .withBlankPasswords(true).withAttachments(ExportOptions.Attachments.OMITTED));
        JsonNode exported;
        try {
            exported = Http.JSON.readTree(out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("the exporter wrote JSON that does not read back", e);
        }
        // the object and its children: a listing, not the whole subtree (the root has no entry of its own)
        String objpath = path.substring(1);
        String prefix = objpath.isEmpty() ? "" : objpath + "/";
        ArrayNode listing = Http.JSON.createArrayNode();
        for (JsonNode entry : exported) {
            String p = entry.path("objpath").asText();
            if (p.equals(objpath) || p.startsWith(prefix) && p.indexOf('/', prefix.length()) < 0) {
                listing.add(entry);
            }
        }
        Http.send(ctx, 200, listing);
    }
}
