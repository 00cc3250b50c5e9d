package dev.kompira.core.object.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.core.json.PythonJsonLayout;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Reading and writing the JSON of exports (objects.md §7.8 step 3): two-space indentation for
 * objects and arrays alike, {@code "key": value}, {@code {}} and {@code []} when empty, non-ASCII
 * characters unescaped, {@code \n} line ends and a final newline — the layout of Python's
 * {@code json.dumps(indent=2, ensure_ascii=False)}, which Kompira uses. Thread-safe.
 */
final class KompiraJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private KompiraJson() {
    }

    /**
     * Parses one JSON document.
     *
     * @throws ImportException when it is not JSON
     */
    static JsonNode read(Reader in) {
        try {
            return MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses one JSON document given as bytes (UTF-8, or UTF-16/32 told by its first bytes; a
     * byte order mark is skipped).
     *
     * @throws ImportException when it is not JSON
     */
    static JsonNode read(byte[] in) {
        try {
            return MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImportException invalid(JsonProcessingException e) {
        return new ImportException("invalid JSON: " + e.getOriginalMessage()
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    }

    /** Parses the JSON text of one CSV cell; {@code null} when it is not JSON. */
    static JsonNode parseOrNull(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Writes {@code node} in the export layout, followed by a newline; does not close {@code out}. */
    static void write(JsonNode node, Writer out) {
        try {
            JsonGenerator g = MAPPER.getFactory().createGenerator(out);
            g.setPrettyPrinter(new PythonJsonLayout("  "));
            MAPPER.writeTree(g, node);
            g.flush();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code node} as compact JSON text (CSV cells). */
    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
