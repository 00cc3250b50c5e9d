package dev.kompira.core.object;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.types.FieldDefinition;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.core.value.pattern.GlobMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Directory.glob(pattern)} (objects.md §4.2): {@code [path/]name-glob[.Type][@owner]
 * [(attribute filters)][[field filters]]}, the path relative to the receiver, {@code *} one level,
 * {@code **} any number of levels; without a path only direct children. Field filters need no type:
 * objects without the field do not match. Immutable once parsed.
 */
final class ObjectGlob {

    private final List<String> segments;
    private final String typeName;
    private final String owner;
    private final Map<String, Value> attributes;
    private final Map<String, Value> fields;

    private ObjectGlob(List<String> segments, String typeName, String owner, Map<String, Value> attributes,
            Map<String, Value> fields) {
        this.segments = segments;
        this.typeName = typeName;
        this.owner = owner;
        this.attributes = attributes;
        this.fields = fields;
    }

    /** Parses {@code pattern}; a malformed one fails {@code glob}. */
    static ObjectGlob parse(String pattern) {
        String rest = pattern.trim();
        Map<String, Value> fields = new LinkedHashMap<>();
        if (rest.endsWith("]") && rest.lastIndexOf('[') > rest.lastIndexOf('/')) {
            int open = rest.lastIndexOf('[');
            fields = filters(rest.substring(open + 1, rest.length() - 1));
            rest = rest.substring(0, open);
        }
        Map<String, Value> attributes = new LinkedHashMap<>();
        if (rest.endsWith(")")) {
            int open = rest.lastIndexOf('(');
            if (open < 0) {
                throw invalid(pattern);
            }
            attributes = filters(rest.substring(open + 1, rest.length() - 1));
            rest = rest.substring(0, open);
        }
        String owner = null;
        int at = rest.lastIndexOf('@');
        if (at > rest.lastIndexOf('/')) {
            owner = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String typeName = null;
        int dot = rest.lastIndexOf('.');
        if (dot > rest.lastIndexOf('/')) {
            typeName = rest.substring(dot + 1);
            rest = rest.substring(0, dot);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        if (segments.isEmpty()) {
            throw invalid(pattern);
        }
        return new ObjectGlob(segments, typeName, owner, attributes, fields);
    }

    private static Map<String, Value> filters(String text) {
        Map<String, Value> filters = new LinkedHashMap<>();
        for (String filter : text.split(",")) {
            int eq = filter.indexOf('=');
            if (eq <= 0) {
                throw new JobflowError(ErrorCode.R_CALL_FAILED, "glob: a filter needs key=value, got '" + filter.trim() + "'");
            }
            filters.put(filter.substring(0, eq).trim(), literal(filter.substring(eq + 1).trim()));
        }
        return filters;
    }

    /** A jobflow literal of a filter: a quoted string, a number, true, false or null. */
    private static Value literal(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return StringValue.of(text.substring(1, text.length() - 1));
        }
        switch (text) {
            case "true":
                return BooleanValue.TRUE;
            case "false":
                return BooleanValue.FALSE;
            case "null":
                return NullValue.NULL;
            default:
                try {
                    return text.contains(".") ? new FloatValue(Double.parseDouble(text)) : IntegerValue.of(Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new JobflowError(ErrorCode.R_CALL_FAILED, "glob: '" + text + "' is not a literal");
                }
        }
    }

    private static JobflowError invalid(String pattern) {
        return new JobflowError(ErrorCode.R_CALL_FAILED, "glob: invalid pattern '" + pattern + "'");
    }

    /** Runs the glob below {@code container} now. */
    List<StoredObject> run(ObjectTree tree, StoredObject container) {
        ObjectQuery attributeQuery = ObjectQuery.of(tree, container, attributes);
        String prefix = container.isRoot() ? "/" : container.path() + "/";
        List<StoredObject> found = new ArrayList<>();
        for (StoredObject o : tree.store().read(tx -> tx.descendants(container.id()))) {
            String[] relative = o.path().substring(prefix.length()).split("/");
            if (matches(relative, 0, 0) && (typeName == null || tree.typeName(o).equals(typeName))
                    && (owner == null || o.owner().equals(owner)) && attributeQuery.accepts(o) && fieldsMatch(tree, o)) {
                found.add(o);
            }
        }
        return found;
    }

    private boolean matches(String[] names, int n, int p) {
        if (p == segments.size()) {
            return n == names.length;
        }
        String segment = segments.get(p);
        if (segment.equals("**")) {
            for (int skip = n; skip <= names.length; skip++) {
                if (matches(names, skip, p + 1)) {
                    return true;
                }
            }
            return false;
        }
        return n < names.length && GlobMatcher.compile(segment).matches(names[n]) && matches(names, n + 1, p + 1);
    }

    private boolean fieldsMatch(ObjectTree tree, StoredObject o) {
        for (Map.Entry<String, Value> f : fields.entrySet()) {
            String[] parts = f.getKey().split("__", 2);
            java.util.Optional<FieldDefinition> definition = tree.typeOf(o).field(parts[0]);
            if (definition.isEmpty() || !ObjectQuery.fieldAccepts(parts.length > 1 ? parts[1] : "exact", f.getKey(),
                    tree.readField(o, parts[0]), f.getValue())) {
                return false;
            }
        }
        return true;
    }
}
