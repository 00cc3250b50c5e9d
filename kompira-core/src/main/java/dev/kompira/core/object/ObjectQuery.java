package dev.kompira.core.object;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.object.types.TypeDefinition;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Ordering;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.BinaryOperator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code Directory.find(params...)} (objects.md §4.2): attribute filters {@code attr__lookup=value},
 * field filters {@code fields={f__lookup=value}} (with one fixed type), {@code order_by},
 * {@code limit} and {@code offset} over every descendant of a container. Immutable once built.
 */
final class ObjectQuery {

    private static final List<String> TEXT_ATTRIBUTES = List.of("abspath", "display_name", "description", "name");

    private final ObjectTree tree;
    private final List<Predicate<StoredObject>> filters = new ArrayList<>();
    private final List<Comparator<StoredObject>> order = new ArrayList<>();
    private TypeDefinition fixedType;
    private int limit = -1;
    private int offset;

    private ObjectQuery(ObjectTree tree) {
        this.tree = tree;
    }

    /** Builds the query of {@code params} for container {@code container}. */
    static ObjectQuery of(ObjectTree tree, StoredObject container, Map<String, Value> params) {
        ObjectQuery q = new ObjectQuery(tree);
        if (tree.typeName(container).equals("Table")) {
            Value type = tree.readField(container, "typeObject");
            if (type instanceof ObjectValue t) {
                q.fixedType = tree.typeOf(sample(t));
            }
        }
        Value fields = null;
        for (Map.Entry<String, Value> p : params.entrySet()) {
            switch (p.getKey()) {
                case "fields":
                    fields = p.getValue();
                    break;
                case "order_by":
                    q.orderBy(Rendering.text(p.getValue()));
                    break;
                case "limit":
                    q.limit = integer(p.getKey(), p.getValue());
                    break;
                case "offset":
                    q.offset = integer(p.getKey(), p.getValue());
                    break;
                default:
                    q.attribute(p.getKey(), p.getValue());
            }
        }
        if (fields != null) {
            q.fields(fields);
        }
        return q;
    }

    /** A stand-in instance whose type is {@code type}: the type's own fields are what the query needs. */
    private static StoredObject sample(ObjectValue type) {
        StoredObject t = type.stored();
        return new StoredObject(0, 0, "", "/", t.id(), "", "", "", t.created(), t.updated(), t.userPermissions(),
                t.groupPermissions(), Map.of());
    }

    /** Runs the query over the descendants of {@code container} now. */
    List<StoredObject> run(long container) {
        List<StoredObject> found = new ArrayList<>();
        for (StoredObject o : tree.store().read(tx -> tx.descendants(container))) {
            if (matches(o)) {
                found.add(o);
            }
        }
        Comparator<StoredObject> comparator = order.isEmpty() ? Comparator.comparingLong(StoredObject::id)
                : order.stream().reduce(Comparator::thenComparing).orElseThrow();
        found.sort(comparator);
        int from = Math.min(offset, found.size());
        int to = limit < 0 ? found.size() : Math.min(found.size(), from + limit);
        return found.subList(from, to);
    }

    /** Returns whether {@code o} passes the filters (for glob, which walks the tree itself). */
    boolean accepts(StoredObject o) {
        return matches(o);
    }

    /** Returns whether a field value passes {@code lookup} against {@code expected} (glob's field filters). */
    static boolean fieldAccepts(String lookup, String key, Value actual, Value expected) {
        return fieldLookup(lookup, key, actual, expected);
    }

    private boolean matches(StoredObject o) {
        for (Predicate<StoredObject> f : filters) {
            if (!f.test(o)) {
                return false;
            }
        }
        return true;
    }

    static int integer(String name, Value v) {
        if (!(v instanceof IntegerValue i) || !i.fitsInt() || i.signum() < 0) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: " + name + " must be a non-negative Integer");
        }
        return (int) i.longValue();
    }

    private void attribute(String key, Value value) {
        String[] parts = key.split("__", 2);
        String attribute = parts[0];
        String lookup = parts.length > 1 ? parts[1] : "exact";
        if (TEXT_ATTRIBUTES.contains(attribute)) {
            filters.add(o -> textLookup(lookup, key, StringValue.of(text(o, attribute)), value));
        } else if (attribute.equals("type_object") || attribute.equals("parent_object")) {
            List<Long> ids = objectIds(key, lookup, value);
            filters.add(o -> ids.contains(attribute.equals("type_object") ? o.typeId() : o.parentId()));
            if (attribute.equals("type_object") && lookup.equals("exact")) {
                fixedType = tree.typeOf(sample(new ObjectValue(tree, ids.get(0), "")));
            }
        } else if (attribute.equals("id")) {
            filters.add(o -> compareLookup(lookup, key, IntegerValue.of(o.id()), value));
        } else if (attribute.equals("created") || attribute.equals("updated")) {
            filters.add(o -> compareLookup(lookup, key,
                    new DatetimeValue((attribute.equals("created") ? o.created() : o.updated()).atZone(tree.zone())), value));
        } else if (attribute.equals("owner")) {
            filters.add(o -> lookup.equals("in") ? contains(value, StringValue.of(o.owner()))
                    : Equality.equal(StringValue.of(o.owner()), value));
        } else {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: unknown parameter '" + key + "'");
        }
    }

    private static String text(StoredObject o, String attribute) {
        switch (attribute) {
            case "abspath":
                return o.path();
            case "display_name":
                return o.displayName();
            case "description":
                return o.description();
            default:
                return o.name();
        }
    }

    private List<Long> objectIds(String key, String lookup, Value value) {
        List<Value> targets = lookup.equals("in") && value instanceof ArrayValue a ? a.items() : List.of(value);
        if (!lookup.equals("exact") && !lookup.equals("in")) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: unknown lookup in '" + key + "'");
        }
        List<Long> ids = new ArrayList<>();
        for (Value t : targets) {
            if (t instanceof ObjectValue o) {
                ids.add(o.id());
            } else {
                ids.add(tree.require(Rendering.text(t), "/").id());
            }
        }
        return ids;
    }

    private void fields(Value fields) {
        if (!(fields instanceof DictionaryValue dict)) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: fields must be a Dictionary");
        }
        if (fixedType == null) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: field filters need type_object= or a Table");
        }
        for (Map.Entry<Value, Value> e : dict.entries()) {
            String key = Rendering.text(e.getKey());
            String[] parts = key.split("__", 2);
            String field = parts[0];
            String lookup = parts.length > 1 ? parts[1] : "exact";
            FieldDefinition definition = fixedType.field(field).orElseThrow(
                    () -> new JobflowError(ErrorCode.R_CALL_FAILED, "find: the type has no field '" + field + "'"));
            Value expected = e.getValue();
            filters.add(o -> fieldLookup(lookup, key, fieldValue(o, definition), expected));
        }
    }

    private Value fieldValue(StoredObject o, FieldDefinition definition) {
        return tree.typeOf(o).field(definition.name()).isPresent() ? tree.readField(o, definition.name()) : NullValue.NULL;
    }

    private static boolean fieldLookup(String lookup, String key, Value actual, Value expected) {
        if (lookup.equals("isnull")) {
            return (actual == NullValue.NULL) == expected.truthy();
        }
        if (actual instanceof StringValue) {
            return textLookup(lookup, key, actual, expected);
        }
        return compareLookup(lookup, key, actual, expected);
    }

    static boolean textLookup(String lookup, String key, Value actual, Value expected) {
        String a = Rendering.text(actual);
        String e = Rendering.text(expected);
        switch (lookup) {
            case "exact":
                return a.equals(e);
            case "iexact":
                return a.equalsIgnoreCase(e);
            case "contains":
                return a.contains(e);
            case "icontains":
                return lower(a).contains(lower(e));
            case "startswith":
                return a.startsWith(e);
            case "istartswith":
                return lower(a).startsWith(lower(e));
            case "endswith":
                return a.endsWith(e);
            case "iendswith":
                return lower(a).endsWith(lower(e));
            case "regex":
                return Pattern.compile(e).matcher(a).find();
            case "iregex":
                return Pattern.compile(e, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(a).find();
            case "in":
                return contains(expected, actual);
            case "range":
                return compareLookup("range", key, actual, expected);
            default:
                throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: unknown lookup in '" + key + "'");
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static boolean compareLookup(String lookup, String key, Value actual, Value expected) {
        if (actual == NullValue.NULL && !lookup.equals("exact")) {
            return false;
        }
        switch (lookup) {
            case "exact":
                return Equality.equal(actual, expected);
            case "gt":
                return Ordering.test(BinaryOperator.GT, actual, expected);
            case "gte":
                return Ordering.test(BinaryOperator.GE, actual, expected);
            case "lt":
                return Ordering.test(BinaryOperator.LT, actual, expected);
            case "lte":
                return Ordering.test(BinaryOperator.LE, actual, expected);
            case "in":
                return contains(expected, actual);
            case "range":
                if (!(expected instanceof ArrayValue r) || r.size() != 2) {
                    throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: range needs [low, high] in '" + key + "'");
                }
                return Ordering.test(BinaryOperator.GE, actual, r.get(0)) && Ordering.test(BinaryOperator.LE, actual, r.get(1));
            default:
                throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: unknown lookup in '" + key + "'");
        }
    }

    private static boolean contains(Value list, Value item) {
        if (!(list instanceof ArrayValue a)) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: 'in' needs an Array");
        }
        for (Value v : a.items()) {
            if (Equality.equal(v, item)) {
                return true;
            }
        }
        return false;
    }

    private void orderBy(String keys) {
        for (String raw : keys.split(",")) {
            String key = raw.trim();
            boolean descending = key.startsWith("-");
            String name = descending ? key.substring(1) : key;
            Comparator<StoredObject> c = comparator(name);
            order.add(descending ? c.reversed() : c);
        }
    }

    private Comparator<StoredObject> comparator(String key) {
        switch (key) {
            case "id":
                return Comparator.comparingLong(StoredObject::id);
            case "abspath":
            case "display_name":
            case "description":
            case "name":
                return Comparator.comparing(o -> text(o, key));
            case "created":
                return Comparator.comparing(StoredObject::created);
            case "updated":
                return Comparator.comparing(StoredObject::updated);
            case "owner":
                return Comparator.comparing(StoredObject::owner);
            case "type_object":
                return Comparator.comparingLong(StoredObject::typeId);
            case "parent_object":
                return Comparator.comparingLong(StoredObject::parentId);
            default:
                if (key.startsWith("field:") && fixedType != null) {
                    String field = key.substring("field:".length());
                    return Comparator.comparing(o -> fieldValue(o, fixedType.field(field).orElseThrow(
                            () -> new JobflowError(ErrorCode.R_CALL_FAILED, "find: the type has no field '" + field + "'"))),
                            ObjectQuery::nullsFirst);
                }
                throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: cannot order by '" + key + "'");
        }
    }

    /** Orders values with {@code <}, nulls first (§4.2 Decision). */
    static int nullsFirst(Value a, Value b) {
        if (a == NullValue.NULL || b == NullValue.NULL) {
            return Boolean.compare(a != NullValue.NULL, b != NullValue.NULL);
        }
        return Ordering.test(BinaryOperator.LT, a, b) ? -1 : Equality.equal(a, b) ? 0 : 1;
    }
}
