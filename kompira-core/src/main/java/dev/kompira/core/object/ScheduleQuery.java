package dev.kompira.core.object;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.schedule.Schedule;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code /scheduler.find(params...)} (objects.md §5.4): filters {@code attr__lookup=value} on the
 * properties of Schedules, {@code order_by} (default {@code id}), {@code limit} and {@code offset}, with
 * the lookups of {@code Directory.find} ({@link ObjectQuery}). Immutable once built; thread-safe.
 */
public final class ScheduleQuery {

    private static final List<String> TEXT = List.of("name", "description");
    private static final List<String> TIME_FIELDS = List.of("year", "month", "day", "week", "day_of_week", "hour", "minute");

    private final ObjectTree tree;
    private final List<Predicate<Schedule>> filters = new ArrayList<>();
    private final List<Comparator<Schedule>> order = new ArrayList<>();
    private int limit = -1;
    private int offset;

    private ScheduleQuery(ObjectTree tree) {
        this.tree = tree;
    }

    /**
     * Builds the query of {@code params}; an unknown parameter or lookup is {@code R-CALL-FAILED} naming it.
     */
    public static ScheduleQuery of(ObjectTree tree, Map<String, Value> params) {
        ScheduleQuery q = new ScheduleQuery(tree);
        for (Map.Entry<String, Value> p : params.entrySet()) {
            switch (p.getKey()) {
                case "order_by" -> q.orderBy(Rendering.text(p.getValue()));
                case "limit" -> q.limit = ObjectQuery.integer(p.getKey(), p.getValue());
                case "offset" -> q.offset = ObjectQuery.integer(p.getKey(), p.getValue());
                default -> q.attribute(p.getKey(), p.getValue());
            }
        }
        return q;
    }

    /** Runs the query over {@code schedules}, the Schedule objects there are now. */
    public List<StoredObject> run(List<StoredObject> schedules) {
        List<StoredObject> found = new ArrayList<>();
        for (StoredObject o : schedules) {
            Schedule s = Schedule.of(o);
            if (filters.stream().allMatch(f -> f.test(s))) {
                found.add(o);
            }
        }
        Comparator<Schedule> comparator = order.isEmpty() ? Comparator.comparingLong(Schedule::id)
                : order.stream().reduce(Comparator::thenComparing).orElseThrow();
        found.sort(Comparator.comparing(Schedule::of, comparator));
        int from = Math.min(offset, found.size());
        int to = limit < 0 ? found.size() : Math.min(found.size(), from + limit);
        return found.subList(from, to);
    }

    private void attribute(String key, Value expected) {
        String[] parts = key.split("__", 2);
        String attribute = parts[0];
        String lookup = parts.length > 1 ? parts[1] : "exact";
        if (TEXT.contains(attribute)) {
            filters.add(s -> ObjectQuery.textLookup(lookup, key, property(attribute).apply(s), expected));
        } else if (TIME_FIELDS.contains(attribute) || attribute.equals("disabled")) {
            // objects.md §5.4 offers exact and contains on these; contains on disabled reads its text form
            allow(key, lookup, "exact", "contains");
            Function<Schedule, Value> read = property(attribute);
            filters.add(s -> lookup.equals("exact") ? Equality.equal(read.apply(s), expected)
                    : read.apply(s) != NullValue.NULL && Rendering.text(read.apply(s)).contains(Rendering.text(expected)));
        } else if (attribute.equals("job")) {
            allow(key, lookup, "exact");
            long job = expected instanceof ObjectValue o ? o.id() : tree.require(Rendering.text(expected), "/").id();
            filters.add(s -> s.jobId() == job);
        } else if (attribute.equals("id")) {
            filters.add(s -> ObjectQuery.compareLookup(lookup, key, IntegerValue.of(s.id()), expected));
        } else {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: unknown parameter '" + key + "'");
        }
    }

    private static void allow(String key, String lookup, String... allowed) {
        if (!List.of(allowed).contains(lookup)) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: unknown lookup in '" + key + "' (use "
                    + String.join(" or ", allowed) + ")");
        }
    }

    /** The property {@code name} of a Schedule as find compares it; an empty time field reads null. */
    private static Function<Schedule, Value> property(String name) {
        return switch (name) {
            case "name" -> s -> StringValue.of(s.name());
            case "description" -> s -> StringValue.of(s.description());
            case "disabled" -> s -> BooleanValue.of(s.disabled());
            case "year" -> s -> text(s.fields().year());
            case "month" -> s -> text(s.fields().month());
            case "day" -> s -> text(s.fields().day());
            case "week" -> s -> text(s.fields().week());
            case "day_of_week" -> s -> text(s.fields().dayOfWeek());
            case "hour" -> s -> text(s.fields().hour());
            case "minute" -> s -> text(s.fields().minute());
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Value text(String field) {
        return field == null ? NullValue.NULL : StringValue.of(field);
    }

    private void orderBy(String keys) {
        for (String raw : keys.split(",")) {
            String key = raw.trim();
            boolean descending = key.startsWith("-");
            String name = descending ? key.substring(1) : key;
            Comparator<Schedule> c = comparator(name);
            order.add(descending ? c.reversed() : c);
        }
    }

    private static Comparator<Schedule> comparator(String key) {
        if (key.equals("id")) {
            return Comparator.comparingLong(Schedule::id);
        }
        if (key.equals("job")) {
            return Comparator.comparingLong(Schedule::jobId);
        }
        if (key.equals("disabled")) {
            return Comparator.comparing(Schedule::disabled);
        }
        if (TEXT.contains(key) || TIME_FIELDS.contains(key)) {
            Function<Schedule, Value> read = property(key);
            return (a, b) -> ObjectQuery.nullsFirst(read.apply(a), read.apply(b));
        }
        throw new JobflowError(ErrorCode.R_CALL_FAILED, "find: cannot order by '" + key + "'");
    }
}
