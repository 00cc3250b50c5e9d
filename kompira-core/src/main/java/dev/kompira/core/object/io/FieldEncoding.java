package dev.kompira.core.object.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.object.types.FieldKind;
import dev.kompira.core.object.types.JsonValues;
import dev.kompira.core.object.types.FieldType;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The field value encodings of objects.md §7.4 in both directions. {@link Encoder} turns stored
 * values into JSON; {@link Decoder} turns JSON into the values a field conversion (§3.7) accepts,
 * so that the type's declaration still converts and validates them.
 */
final class FieldEncoding {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private FieldEncoding() {
    }

    /** A value that cannot be decoded; the message says why (it becomes a warning or a row error). */
    static final class DecodeException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message, null, false, false);
        }
    }

    /** Writes {@code t} as {@code YYYY-MM-DDTHH:MM:SS[.ffffff]±HH:MM} (§7.4). */
    static String datetime(ZonedDateTime t) {
        int offset = t.getOffset().getTotalSeconds();
        int abs = Math.abs(offset);
        return t.toLocalDate() + "T" + time(t.toLocalTime())
                + String.format(Locale.ROOT, "%s%02d:%02d", offset < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
    }

    /** Writes {@code t} as {@code HH:MM:SS} or {@code HH:MM:SS.ffffff} (§7.4). */
    static String time(LocalTime t) {
        String whole = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? whole : whole + String.format(Locale.ROOT, ".%06d", micros);
    }

    /** Reads the lowercase (or uppercase) hexadecimal form of a Binary. */
    static BinaryValue hex(String text) {
        try {
            return BinaryValue.of(HEX.parseHex(text));
        } catch (IllegalArgumentException e) {
            throw new DecodeException(Rendering.quoted(text) + " is not hexadecimal Binary data");
        }
    }

    /** Turns stored values into their export form. */
    static final class Encoder {

        private final LongFunction<Optional<String>> links;
        private final ExportOptions.Attachments attachments;
        private final BiConsumer<String, BinaryValue> attached;

        /**
         * @param links       the export form of the path of an object id, or empty when it is gone
         * @param attachments how File values are written
         * @param attached    receives the path and bytes of every File written in the
         *                    {@link ExportOptions.Attachments#PATHS PATHS} form (the files of a bundle)
         */
        Encoder(LongFunction<Optional<String>> links, ExportOptions.Attachments attachments, BiConsumer<String, BinaryValue> attached) {
            this.links = links;
            this.attachments = attachments;
            this.attached = attached;
        }

        /**
         * Encodes the value stored in {@code field} of the object exported as {@code objpath}; a
         * cleared File field is the empty File form, and {@code blank} writes {@code ""} for
         * Password values.
         */
        JsonNode field(Value stored, FieldType type, String objpath, String field, boolean blank) {
            boolean blanked = blank && (type.kind() == FieldKind.PASSWORD || type.element().orElse(null) == FieldKind.PASSWORD);
            if (stored == null || stored instanceof NullValue) {
                return type.kind() == FieldKind.FILE ? fileNode("", "") : NODES.nullNode();
            }
            String prefix = objpath.equals(".") ? field : objpath + "/" + field;
            if (stored instanceof ArrayValue array) {
                ArrayNode out = NODES.arrayNode();
                for (int i = 0; i < array.size(); i++) {
                    out.add(value(array.get(i), blanked, prefix + "_" + i + ".file"));
                }
                return out;
            }
            if (stored instanceof DictionaryValue dictionary) {
                ObjectNode out = NODES.objectNode();
                int i = 0;
                for (Map.Entry<Value, Value> e : dictionary.entries()) {
                    out.set(Rendering.text(e.getKey()), value(e.getValue(), blanked, prefix + "_" + i++ + ".file"));
                }
                return out;
            }
            return value(stored, blanked, prefix + ".file");
        }

        /** Encodes one value; {@code attachment} is where a File's bytes would be kept. */
        JsonNode value(Value v, boolean blank, String attachment) {
            if (v instanceof StringValue s) {
                return NODES.textNode(blank ? "" : s.value());
            } else if (v instanceof IntegerValue i) {
                return i.fitsLong() ? NODES.numberNode(i.longValue()) : NODES.numberNode(i.bigValue());
            } else if (v instanceof FloatValue f) {
                return NODES.numberNode(f.value());
            } else if (v instanceof BooleanValue b) {
                return NODES.booleanNode(b.truthy());
            } else if (v instanceof BinaryValue b) {
                return NODES.textNode(HEX.formatHex(b.bytes()));
            } else if (v instanceof DatetimeValue d) {
                return NODES.textNode(datetime(d.value()));
            } else if (v instanceof DateValue d) {
                return NODES.textNode(d.value().toString());
            } else if (v instanceof TimeValue t) {
                return NODES.textNode(time(t.value()));
            } else if (v instanceof ObjectRef ref) {
                return links.apply(ref.id()).map(p -> (JsonNode) NODES.textNode(p)).orElse(NODES.nullNode());
            } else if (v instanceof FileValue f) {
                return file(f, attachment);
            } else if (v instanceof ArrayValue a) {
                ArrayNode out = NODES.arrayNode();
                a.items().forEach(item -> out.add(value(item, blank, attachment)));
                return out;
            } else if (v instanceof DictionaryValue d) {
                ObjectNode out = NODES.objectNode();
                d.entries().forEach(e -> out.set(Rendering.text(e.getKey()), value(e.getValue(), blank, attachment)));
                return out;
            }
            return NODES.nullNode();
        }

        private JsonNode file(FileValue f, String attachment) {
            switch (attachments) {
                case INLINE:
                    ObjectNode inline = NODES.objectNode();
                    inline.put("name", f.name());
                    inline.put("data", Base64.getEncoder().encodeToString(f.data().bytes()));
                    return inline;
                case OMITTED:
                    return fileNode("", f.name());
                default:
                    attached.accept(attachment, f.data());
                    return fileNode(attachment, f.name());
            }
        }

        private static ObjectNode fileNode(String path, String name) {
            ObjectNode node = NODES.objectNode();
            node.put("path", path);
            node.put("name", name);
            return node;
        }
    }

    /** Turns JSON into the input of a field conversion. */
    static final class Decoder {

        private final Function<String, Optional<Long>> objects;
        private final AttachmentSource attachments;
        private final Consumer<String> notes;

        /**
         * @param objects     resolves a path string of an Object value to an object id
         * @param attachments holds the bytes of File values given by path
         * @param notes       receives what was decoded differently from the file (a File without bytes)
         */
        Decoder(Function<String, Optional<Long>> objects, AttachmentSource attachments, Consumer<String> notes) {
            this.objects = objects;
            this.attachments = attachments;
            this.notes = notes;
        }

        /**
         * Decodes {@code node} for a field declared as {@code type}; an Array or Dictionary field
         * decodes its elements by the element type.
         *
         * @throws DecodeException when an Object path resolves to nothing or a File or Binary is malformed
         * @throws ImportException  when an attachment cannot be read (the import must fail as a whole)
         */
        Value field(FieldType type, String field, JsonNode node) {
            FieldKind kind = type.kind();
            if (kind.isContainer() && node != null && (node.isArray() || node.isObject())) {
                FieldKind element = type.element().orElse(FieldKind.STRING);
                if (node.isArray()) {
                    ArrayValue array = new ArrayValue();
                    node.forEach(item -> array.items().add(element(element, field, item)));
                    return array;
                }
                DictionaryValue dictionary = new DictionaryValue();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    dictionary.put(e.getKey(), element(element, field, e.getValue()));
                }
                return dictionary;
            }
            return element(kind, field, node);
        }

        private Value element(FieldKind kind, String field, JsonNode node) {
            if (node == null || node.isNull()) {
                return NullValue.NULL;
            }
            if (kind == FieldKind.BINARY && node.isTextual()) {
                return hex(node.textValue());
            }
            if (kind == FieldKind.OBJECT && node.isTextual()) {
                String path = node.textValue();
                return new ObjectRef(objects.apply(path)
                        .orElseThrow(() -> new DecodeException("field '" + field + "': object not found: " + path)));
            }
            if (kind == FieldKind.FILE && node.isObject()) {
                return file(field, node);
            }
            return plain(node);
        }

        /** The two File forms of §7.4: the export form (bytes kept elsewhere) and Kompira's REST form. */
        private Value file(String field, JsonNode node) {
            String name = node.path("name").asText("");
            if (node.has("data")) {
                if (name.isEmpty()) {
                    throw new DecodeException("field '" + field + "': a File needs a non-empty name");
                }
                try {
                    return new FileValue(name, BinaryValue.of(Base64.getMimeDecoder().decode(node.path("data").asText(""))));
                } catch (IllegalArgumentException e) {
                    throw new DecodeException("field '" + field + "': File data is not base64");
                }
            }
            String path = node.path("path").asText("");
            if (name.isEmpty() && path.isEmpty()) {
                return NullValue.NULL;
            }
            if (name.isEmpty()) {
                throw new DecodeException("field '" + field + "': a File needs a non-empty name");
            }
            return new FileValue(name, attachment(field, name, path));
        }

        /**
         * The bytes of the attachment at {@code path}; empty, with a note, when the source lacks the
         * file or refuses it. A path that could lead outside the export is refused without asking
         * the source.
         */
        private BinaryValue attachment(String field, String name, String path) {
            String checked;
            try {
                checked = AttachmentPaths.normalize(path);
            } catch (IllegalArgumentException escaping) {
                return refused(field, name, "its path " + escaping.getMessage() + " and could lead outside the export");
            }
            Optional<byte[]> bytes;
            try {
                bytes = checked.isEmpty() ? Optional.empty() : attachments.read(checked);
            } catch (AttachmentRefusedException refused) {
                return refused(field, name, refused.getMessage());
            } catch (IOException e) {
                throw new ImportException("field '" + field + "': cannot read the bytes of file '" + name + "' (" + path + "): "
                        + e.getMessage());
            }
            if (bytes.isEmpty()) {
                notes.accept("field '" + field + "': the bytes of file '" + name + "'"
                        + (path.isEmpty() ? "" : " (" + path + ")") + " are not available; it is imported empty");
                return BinaryValue.EMPTY;
            }
            return BinaryValue.of(bytes.get());
        }

        private BinaryValue refused(String field, String name, String reason) {
            notes.accept("field '" + field + "': file '" + name + "': " + reason + "; refused, it is imported empty");
            return BinaryValue.EMPTY;
        }
    }

    /** Returns the jobflow value of plain JSON: text, numbers, Booleans, null, Arrays, Dictionaries. */
    static Value plain(JsonNode node) {
        return JsonValues.toValue(node);
    }
}
