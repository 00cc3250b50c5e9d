package dev.kompira.core.object;

import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.FieldKind;
import dev.kompira.core.object.types.FieldValueException;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of the fields written to objects, shared by every path that writes or checks them (the
 * object tree's transactions, {@link ObjectManager}, imports, the Git store's check): each field
 * must be declared by the object's type, and its value is converted and validated by the
 * declaration (objects.md §3.7), qualifiers included; some fields and keys are the engine's own
 * (derived fields, channel queues, kept keys). Problems are collected, not thrown, so that a caller
 * can report all of them at once. Stateless and thread-safe.
 */
public final class FieldRules {

    /** Stored keys that types keep beside their declared fields: a Config's data, a (Mail)Channel's message counter. */
    private static final Map<String, Set<String>> KEPT = Map.of(
            BuiltinTypes.TYPES_DIRECTORY + "/Config", Set.of("data"),
            BuiltinTypes.TYPES_DIRECTORY + "/Channel", Set.of("message_last_id"),
            BuiltinTypes.TYPES_DIRECTORY + "/MailChannel", Set.of("message_last_id"));

    /** The fields that are derived from others by the library: never written by users, never exported (§4.4, §4.6, §7.5). */
    private static final Map<String, Set<String>> DERIVED = Map.of(
            BuiltinTypes.TYPES_DIRECTORY + "/Jobflow", Set.of("code", "parameters", "executable", "errors", "compilerVersion",
                    "compiledDatetime"),
            BuiltinTypes.TYPES_DIRECTORY + "/Library", Set.of("document", "executable"));

    /** The channel queues, which the engine keeps (§4.7): exported as null, never imported or written directly. */
    private static final Map<String, Set<String>> QUEUES = Map.of(
            BuiltinTypes.TYPES_DIRECTORY + "/Channel", Set.of("message_queue", "event_queue"),
            BuiltinTypes.TYPES_DIRECTORY + "/MailChannel", Set.of("message_queue", "event_queue"));

    /** The types whose objects declare fields themselves (§3.5). */
    private static final Set<String> DECLARING = Set.of(BuiltinTypes.TYPES_DIRECTORY + "/TypeObject",
            BuiltinTypes.TYPES_DIRECTORY + "/Config", BuiltinTypes.TYPES_DIRECTORY + "/Form");

    private FieldRules() {
    }

    /**
     * The object a write goes to.
     *
     * @param path     its absolute path (for a new object, where it is going to be)
     * @param id       its id, or 0 for an object not created yet
     * @param typePath the path of its type object
     * @param type     the fields its type declares
     */
    public record Target(String path, long id, String typePath, TypeDefinition type) {
    }

    /**
     * What a conversion gave: the converted values of the fields that passed, in the order given, and
     * the problems of those that did not.
     *
     * @param values   converted values by field name (a Java {@code null} stays null: it clears the field)
     * @param problems one per refused field
     */
    public record Converted(Map<String, Value> values, List<WriteRefusedException.Problem> problems) {
    }

    /**
     * Returns whether {@code key} is a stored key that objects of the type at {@code typePath} keep
     * beside their declared fields (the engine writes it; it is never a field).
     */
    public static boolean isKept(String typePath, String key) {
        return KEPT.getOrDefault(typePath, Set.of()).contains(key);
    }

    /** Returns whether {@code field} of objects of the type at {@code typePath} is derived by the library from other fields. */
    public static boolean isDerived(String typePath, String field) {
        return DERIVED.getOrDefault(typePath, Set.of()).contains(field);
    }

    /** Returns whether {@code field} of objects of the type at {@code typePath} is a channel queue. */
    public static boolean isQueue(String typePath, String field) {
        return QUEUES.getOrDefault(typePath, Set.of()).contains(field);
    }

    /** Returns whether objects of the type at {@code typePath} declare fields ({@code fieldNames}, ...) themselves. */
    public static boolean declaresFields(String typePath) {
        return DECLARING.contains(typePath);
    }

    /** Returns whether {@code o} is a type object: TypeObject itself, or an instance of it. */
    public static boolean isTypeObject(Transaction tx, StoredObject o) {
        return o.typeId() == o.id() || tx.get(o.typeId()).map(t -> t.typeId() == t.id()).orElse(false);
    }

    /**
     * Converts and validates {@code given} for {@code target} within {@code tx}: relative Object paths
     * from {@code base}, object, directory and enum qualifiers resolved in {@code tx}, the dependent
     * forms ({@code $[field]}) reading the other fields as this write leaves them. An undeclared
     * field is a problem, except a kept key ({@link #isKept}) when {@code keptKeys} is true, which
     * passes unconverted.
     */
    public static Converted convert(Transaction tx, ZoneId zone, String base, Target target, Map<String, ? extends Value> given,
            boolean keptKeys) {
        Map<String, Value> values = new LinkedHashMap<>();
        List<WriteRefusedException.Problem> problems = new ArrayList<>();
        TreeContext context = TreeContext.writing(tx, zone, base, target.id(), subjectFields(tx, base, target, given));
        for (Map.Entry<String, ? extends Value> e : given.entrySet()) {
            String name = e.getKey();
            Optional<FieldDefinition> field = target.type().field(name);
            if (field.isEmpty() && keptKeys && isKept(target.typePath(), name)) {
                values.put(name, e.getValue());
            } else if (field.isEmpty()) {
                problems.add(new WriteRefusedException.Problem(target.path(), name,
                        "field '" + name + "' is not declared by its type " + target.typePath()));
            } else if (e.getValue() == null) {
                values.put(name, null);
            } else {
                try {
                    values.put(name, field.get().convert(e.getValue(), context));
                } catch (FieldValueException bad) {
                    problems.add(new WriteRefusedException.Problem(target.path(), name, bad.getMessage()));
                }
            }
        }
        return new Converted(values, problems);
    }

    /**
     * The given values as the dependent qualifier forms read them: an Object field given as a path
     * reads as the object there, which matters for an object not created yet (there is no stored
     * field to tell that the path names an object).
     */
    private static Map<String, Value> subjectFields(Transaction tx, String base, Target target, Map<String, ? extends Value> given) {
        Map<String, Value> subject = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            boolean objectField = target.type().field(name).map(f -> f.type().kind() == FieldKind.OBJECT).orElse(false);
            Optional<StoredObject> named = objectField && value instanceof StringValue path
                    ? tx.get(ObjectPaths.resolve(path.value(), base)) : Optional.empty();
            subject.put(name, named.map(o -> (Value) new ObjectRef(o.id())).orElse(value));
        });
        return subject;
    }
}
