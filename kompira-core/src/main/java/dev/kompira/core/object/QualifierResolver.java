package dev.kompira.core.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kompira.core.object.types.EnumChoice;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldKind;
import dev.kompira.core.object.types.FieldTypeException;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.pattern.GlobMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the tree-dependent forms of the {@code object}, {@code directory} and {@code enum}
 * qualifiers (objects.md §3.6) at write time: homes ({@code ~}, {@code ~alice}), references
 * ({@code /Obj[ref]}, {@code /Cfg.data[ref]}), dependent fields ({@code $[dep]},
 * {@code $[dep][ref]}) and switch/case. A form that cannot be resolved — a dependent field without
 * a known subject, or (for enums) whose field is unset — yields empty, and the write accepts any
 * value (Decision 21). The engine acts as the user {@code root}, whose home is {@code /root}.
 * Used by one thread, within its transaction.
 */
final class QualifierResolver {

    private static final Pattern REFERENCE = Pattern.compile("(\\$|[^\\[]+?)(?:\\[([^\\]]+)\\])?(?:\\[([^\\]]+)\\])?");

    private final Transaction tx;
    private final TreeContext context;
    private final WriteSubject subject;

    QualifierResolver(Transaction tx, TreeContext context, WriteSubject subject) {
        this.tx = tx;
        this.context = context;
        this.subject = subject;
    }

    /**
     * The objects an {@code object}/{@code directory} qualifier names: entries naming nothing are
     * dropped (the list may end up empty: nothing is acceptable); empty when some entry cannot be
     * resolved, since it might accept anything.
     */
    Optional<List<StoredObject>> containersOrTypes(JsonNode qualifier) {
        Optional<JsonNode> chosen = switched(qualifier);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        List<StoredObject> entries = new ArrayList<>();
        for (JsonNode entry : chosen.get().isArray() ? chosen.get() : List.of(chosen.get())) {
            if (!entry.isTextual()) {
                continue;
            }
            Optional<Optional<StoredObject>> named = named(entry.textValue());
            if (named.isEmpty()) {
                return Optional.empty();
            }
            named.get().ifPresent(entries::add);
        }
        return Optional.of(entries);
    }

    /**
     * The data values an {@code enum} qualifier that is not a static list allows: a switch picks a
     * list; a reference gives an Array field's values or a Dictionary field's keys. A missing
     * reference allows nothing; empty when the qualifier cannot be resolved.
     */
    Optional<List<String>> enumValues(JsonNode qualifier) {
        Optional<JsonNode> chosen = switched(qualifier);
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        if (chosen.get().isArray()) {
            try {
                return Optional.of(EnumChoice.listOf(chosen.get()).stream().map(EnumChoice::data).toList());
            } catch (FieldTypeException bad) {
                return Optional.of(List.of());
            }
        }
        if (!chosen.get().isTextual()) {
            return Optional.of(List.of());
        }
        Optional<Read> listed = reference(chosen.get().textValue(), true);
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        if (listed.get().value() instanceof ArrayValue a) {
            a.items().forEach(v -> values.add(Rendering.text(v)));
        } else if (listed.get().value() instanceof DictionaryValue d) {
            d.keys().forEach(k -> values.add(Rendering.text(k)));
        }
        return Optional.of(values);
    }

    /** A switch/case qualifier's chosen value ({@code []} when no case matches), or the qualifier itself. */
    private Optional<JsonNode> switched(JsonNode qualifier) {
        if (!qualifier.isObject() || !qualifier.has("switch")) {
            return Optional.of(qualifier);
        }
        Optional<Read> on = reference(qualifier.path("switch").asText(), false);
        if (on.isEmpty()) {
            return Optional.empty();
        }
        String value = on.get().text();
        String kind = qualifier.path("case_pattern_type").asText("glob");
        boolean ignoreCase = qualifier.path("case_ignorecase").asBoolean(false);
        Iterator<Map.Entry<String, JsonNode>> cases = qualifier.path("case").fields();
        while (cases.hasNext()) {
            Map.Entry<String, JsonNode> c = cases.next();
            if (caseMatches(kind, ignoreCase, c.getKey(), value)) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.of(JsonNodeFactory.instance.arrayNode());
    }

    private static boolean caseMatches(String kind, boolean ignoreCase, String pattern, String value) {
        String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return switch (kind) {
            case "exact" -> p.equals(v);
            case "regex" -> Pattern.compile(pattern, ignoreCase ? Pattern.CASE_INSENSITIVE : 0).matcher(value).matches();
            default -> GlobMatcher.compile(p).matches(v);
        };
    }

    /**
     * The object a qualifier entry names: a home, a path, or a reference or dependent field that
     * holds an object. Empty when it cannot be resolved; an empty inner Optional when it names
     * nothing (the entry is dropped).
     */
    private Optional<Optional<StoredObject>> named(String entry) {
        if (entry.startsWith("~")) {
            String user = entry.substring(1);
            return Optional.of(tx.get(user.isEmpty() || user.equals("root") ? "/root" : "/home/" + user));
        }
        return reference(entry, false).map(read -> Optional.ofNullable(read.object()));
    }

    /**
     * Reads {@code path}, {@code path[ref]}, {@code path.data[ref]}, {@code $[dep]} or
     * {@code $[dep][ref]}. Empty when a dependent field cannot be read (no subject) and, when
     * {@code unsetIsUnresolved}, when it is unset or null.
     */
    private Optional<Read> reference(String spec, boolean unsetIsUnresolved) {
        Matcher m = REFERENCE.matcher(spec.strip());
        if (!m.matches()) {
            return Optional.of(Read.NOTHING);
        }
        Read current;
        List<String> fields = new ArrayList<>();
        if (m.group(1).equals("$")) {
            if (subject == null || m.group(2) == null) {
                return Optional.empty();
            }
            current = subjectField(m.group(2));
            if (unsetIsUnresolved && current.isNothing()) {
                return Optional.empty();
            }
            fields.add(m.group(3));
        } else if (m.group(1).endsWith(".data")) {
            Optional<StoredObject> config = tx.get(ObjectPaths.resolve(m.group(1).substring(0, m.group(1).length() - 5), "/"));
            Value data = config.map(c -> c.fields().get("data")).orElse(null);
            return Optional.of(data instanceof DictionaryValue d && m.group(2) != null ? read(d.get(m.group(2))) : Read.NOTHING);
        } else {
            current = tx.get(ObjectPaths.resolve(m.group(1), "/")).map(o -> new Read(o, null)).orElse(Read.NOTHING);
            fields.add(m.group(2));
            fields.add(m.group(3));
        }
        for (String field : fields) {
            if (field != null) {
                current = current.object() == null ? Read.NOTHING : read(current.object().fields().get(field));
            }
        }
        return Optional.of(current);
    }

    /** Field {@code name} of the subject as this write leaves it: given, else stored, else its default. */
    private Read subjectField(String name) {
        Value given = subject.given().get(name);
        if (given instanceof ObjectValue o) {
            return tx.get(o.id()).map(found -> new Read(found, null)).orElse(Read.NOTHING);
        }
        Optional<StoredObject> self = tx.get(subject.id());
        if (given instanceof StringValue s && self.isPresent() && isObjectField(self.get(), name)) {
            return context.resolveObject(s.value()).flatMap(tx::get).map(found -> new Read(found, null)).orElse(Read.NOTHING);
        }
        if (given != null) {
            return read(given);
        }
        Value stored = self.map(o -> o.fields().get(name)).orElse(null);
        if (stored == null && self.isPresent()) {
            stored = field(self.get(), name).map(f -> f.readDefault(context)).orElse(null);
        }
        return read(stored);
    }

    private boolean isObjectField(StoredObject o, String name) {
        return field(o, name).map(f -> f.type().kind() == FieldKind.OBJECT).orElse(false);
    }

    private Optional<FieldDefinition> field(StoredObject o, String name) {
        return tx.get(o.typeId()).flatMap(type -> TypeDefinition.of(type).field(name));
    }

    /** A stored value as a reference reads it: an object for an {@link ObjectRef}. */
    private Read read(Value stored) {
        if (stored instanceof ObjectRef ref) {
            return tx.get(ref.id()).map(o -> new Read(o, null)).orElse(Read.NOTHING);
        }
        return stored == null ? Read.NOTHING : new Read(null, stored);
    }

    /** What a reference reads: an object, or another value (null when nothing). */
    private record Read(StoredObject object, Value value) {

        static final Read NOTHING = new Read(null, NullValue.NULL);

        boolean isNothing() {
            return object == null && value == NullValue.NULL;
        }

        /** The switch form (§3.6): an object's absolute path, or the value's text. */
        String text() {
            return object != null ? object.path() : Rendering.text(value);
        }
    }

    /**
     * The object being written and the values given for its fields in the same write (before
     * conversion): the {@code $[dep]} forms read them, falling back to the stored value and then
     * the field's default.
     *
     * @param id    the object
     * @param given the values of this write by field name
     */
    record WriteSubject(long id, Map<String, Value> given) {
    }
}
