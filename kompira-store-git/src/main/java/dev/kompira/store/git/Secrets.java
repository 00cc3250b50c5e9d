package dev.kompira.store.git;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldKind;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Which values are kept encrypted in the files, and sealing and opening them (docs/git-store.md):
 * the fields a type declares as {@code Password} (or {@code Array<Password>},
 * {@code Dictionary<Password>}) or with the qualifier {@code "secret": true}, and the entries of a
 * Config's {@code data} that its own declarations mark so. A sealed value is written
 * {@code {"$secret": "..."}}; empty strings and nulls are not secrets and stay as they are.
 * Immutable and thread-safe.
 */
final class Secrets {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TAG = "$secret";
    private static final String CONFIG_TYPE = "/system/types/Config";

    private final SecretKey key;

    /** Seals and opens with {@code key}, which may be null: then no secret can be written or read. */
    Secrets(SecretKey key) {
        this.key = key;
    }

    /** The names of the secret fields among {@code declarations}. */
    static Set<String> declared(StoredObject declaringObject) {
        Set<String> secret = new HashSet<>();
        for (FieldDefinition f : TypeDefinition.of(declaringObject).fields()) {
            boolean password = f.type().kind() == FieldKind.PASSWORD || f.type().element().orElse(null) == FieldKind.PASSWORD;
            if (password || f.type().qualifiers().path("secret").asBoolean(false)) {
                secret.add(f.name());
            }
        }
        return secret;
    }

    /** Whether {@code o}, whose type object is {@code type} (or null), keeps Config data that may hold secrets. */
    static boolean isConfig(StoredObject type) {
        return type != null && type.path().equals(CONFIG_TYPE);
    }

    /** Seals the encoded value of {@code field} of {@code o} when it holds something. */
    JsonNode seal(StoredObject o, String field, JsonNode plain) {
        if (plain.isNull() || plain.isTextual() && plain.textValue().isEmpty()) {
            return plain;
        }
        if (key == null) {
            throw new StoreException(o.path() + ": '" + field + "' is a secret and the Git store keeps secrets only encrypted: "
                    + "give it the key (environment variable " + SecretKey.VARIABLE + " or --secret-key-file)");
        }
        ObjectNode sealed = JsonNodeFactory.instance.objectNode();
        sealed.put(TAG, key.seal(plain.toString(), o.id() + ":" + field));
        return sealed;
    }

    /** Seals the secret entries ({@code keys}) of a Config's data. */
    JsonNode sealData(StoredObject config, JsonNode data, Set<String> keys) {
        if (!data.isObject() || keys.isEmpty()) {
            return data;
        }
        ObjectNode copy = ((ObjectNode) data).deepCopy();
        for (String k : keys) {
            if (copy.has(k)) {
                copy.set(k, seal(config, "data." + k, copy.get(k)));
            }
        }
        return copy;
    }

    /**
     * Opens {@code node} when it is a sealed value of {@code field} of object {@code id}, and opens
     * sealed entries of a Dictionary (Config data); leaves anything else as it is.
     *
     * @throws IllegalArgumentException naming the file and field when it cannot be opened
     */
    JsonNode open(String file, long id, String field, JsonNode node) {
        if (isSealed(node)) {
            return openOne(file, id + ":" + field, field, node);
        }
        if (node.isObject() && field.equals("data")) {
            ObjectNode copy = null;
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> e = entries.next();
                if (isSealed(e.getValue())) {
                    copy = copy == null ? ((ObjectNode) node).deepCopy() : copy;
                    copy.set(e.getKey(), openOne(file, id + ":data." + e.getKey(), "data." + e.getKey(), e.getValue()));
                }
            }
            return copy == null ? node : copy;
        }
        return node;
    }

    private JsonNode openOne(String file, String where, String field, JsonNode sealed) {
        if (key == null) {
            throw new IllegalArgumentException(file + ": field '" + field + "' is encrypted: give the store's key "
                    + "(environment variable " + SecretKey.VARIABLE + " or --secret-key-file)");
        }
        try {
            return JSON.readTree(key.open(sealed.get(TAG).asText(), where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": field '" + field + "': " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            // Not chained: the parser's message would quote the plaintext.
            throw new IllegalArgumentException(file + ": field '" + field + "': the opened value is not valid JSON");
        }
    }

    private static boolean isSealed(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has(TAG);
    }
}
