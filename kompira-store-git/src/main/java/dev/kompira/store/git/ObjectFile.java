package dev.kompira.store.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * One object as files (docs/git-store.md): canonical JSON — fixed key order, two-space indent, one
 * key or array element per line, a final newline — and, for a Jobflow, its {@code source} as a
 * plain {@code .kjf} file beside it, byte for byte. Stateless and thread-safe.
 */
final class ObjectFile {

    /** The field a Jobflow keeps in its {@code .kjf} file. */
    static final String SOURCE_FIELD = "source";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator("")));

    private ObjectFile() {
    }

    /** What an object's files hold, before the tree gives the names meaning. */
    record Parsed(Long id, String name, String type, String displayName, String description, String owner,
            Instant created, Instant updated, DictionaryValue userPermissions, DictionaryValue groupPermissions,
            Map<String, JsonNode> fields) {
    }

    /**
     * Renders {@code o}'s JSON file; {@code type} is its type's path (or its id as text when the type
     * object is missing), {@code pathOf} gives referenced objects' paths. A Jobflow's source is
     * left out ({@code withoutSource}), and so are the {@code runtime} fields, kept apart.
     */
    static byte[] json(StoredObject o, String type, LongFunction<String> pathOf, boolean withoutSource, Sealer sealer,
            Set<String> runtime) {
        ObjectNode node = NODES.objectNode();
        node.put("id", o.id());
        node.put("name", o.name());
        if (type.startsWith("/")) {
            node.put("type", type);
        } else {
            node.put("type", Long.parseLong(type));
        }
        node.put("display_name", o.displayName());
        node.put("description", o.description());
        node.put("owner", o.owner());
        node.set("user_permissions", StoredValues.encode(o.userPermissions(), pathOf));
        node.set("group_permissions", StoredValues.encode(o.groupPermissions(), pathOf));
        ObjectNode fields = node.putObject("fields");
        for (Map.Entry<String, Value> e : o.fields().entrySet()) {
            boolean elsewhere = withoutSource && e.getKey().equals(SOURCE_FIELD) && e.getValue() instanceof StringValue;
            if (!elsewhere && !runtime.contains(e.getKey())) {
                fields.set(e.getKey(), sealer.seal(e.getKey(), StoredValues.encode(e.getValue(), pathOf)));
            }
        }
        node.put("created", o.created().toString());
        node.put("updated", o.updated().toString());
        try {
            return (WRITER.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + o.path() + ": " + e.getMessage(), e);
        }
    }

    /** Turns the encoded value of a field into what the file holds: itself, or sealed when it is a secret. */
    @FunctionalInterface
    interface Sealer {

        /** Returns what the file holds for {@code field}, encoded as {@code value}. */
        JsonNode seal(String field, JsonNode value);
    }

    /** Returns the source a Jobflow keeps in its {@code .kjf} file, or Java null when it has none. */
    static byte[] source(StoredObject o) {
        return o.fields().get(SOURCE_FIELD) instanceof StringValue s ? s.value().getBytes(StandardCharsets.UTF_8) : null;
    }

    /**
     * Parses an object's JSON file; {@code file} names it in messages.
     *
     * @throws IllegalArgumentException when it is not valid, with the file and the reason
     */
    static Parsed parse(String file, byte[] bytes) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().replaceAll(" \\(start marker at .*", "").replaceAll("\\s*\\n.*", "");
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException(file + ": not valid JSON" + at + ": " + reason, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        JsonNode given = node.path("fields");
        if (!given.isMissingNode() && !given.isObject()) {
            throw new IllegalArgumentException(file + ": 'fields' must be a JSON object");
        }
        Iterator<Map.Entry<String, JsonNode>> it = given.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            fields.put(e.getKey(), e.getValue());
        }
        JsonNode id = node.get("id");
        if (id != null && !id.canConvertToLong()) {
            throw new IllegalArgumentException(file + ": 'id' must be a number");
        }
        return new Parsed(id == null ? null : id.longValue(), text(node, "name"), node.hasNonNull("type") ? node.get("type").asText() : null,
                text(node, "display_name"), text(node, "description"), text(node, "owner"),
                time(file, node, "created"), time(file, node, "updated"),
                permissions(file, node, "user_permissions"), permissions(file, node, "group_permissions"), fields);
    }

    /** Decodes one parsed field value; references resolve through {@code idOf}. */
    static Value field(String file, String name, JsonNode value, ToLongFunction<String> idOf) {
        try {
            return StoredValues.decode(value, idOf);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": field '" + name + "': " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant time(String file, JsonNode node, String key) {
        String text = text(node, key);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": '" + key + "' is not a timestamp like 2024-05-01T09:00:00Z: " + text, e);
        }
    }

    private static DictionaryValue permissions(String file, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return new DictionaryValue();
        }
        if (!(StoredValues.decode(v, path -> {
            throw new IllegalArgumentException(file + ": '" + key + "' cannot hold references");
        }) instanceof DictionaryValue d)) {
            throw new IllegalArgumentException(file + ": '" + key + "' must be a JSON object");
        }
        return d;
    }
}
