package dev.kompira.core.schedule;

import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A Schedule (objects.md §5.3) as its object under {@code /system/schedules} holds it (J230): the
 * schedule's name is the object's display name, its record path {@code /scheduler/id_<id>} uses the
 * object's id. {@code next_run_time} is computed from the rule, never stored. Immutable and thread-safe.
 *
 * @param id          the object id, also the record id
 * @param path        the object's path, e.g. {@code /system/schedules/nightly}
 * @param name        the schedule's name (the object's display name)
 * @param description its description
 * @param jobId       the id of the Jobflow or ScriptJob it starts, 0 when the field is unset
 * @param parameters  one jobflow expression per parameter of the job, evaluated when it fires
 * @param fields      the time fields as written
 * @param disabled    whether it never fires
 */
public record Schedule(long id, String path, String name, String description, long jobId, List<String> parameters,
        ScheduleFields fields, boolean disabled) {

    /** The path of the built-in type of Schedule objects. */
    public static final String TYPE = "/system/types/Schedule";

    /** Freezes the parameter list. */
    public Schedule {
        parameters = List.copyOf(parameters);
    }

    /** Reads the schedule that the Schedule object {@code o} holds; its fields need not be valid. */
    public static Schedule of(StoredObject o) {
        List<String> parameters = o.fields().get("parameters") instanceof ArrayValue a
                ? a.items().stream().map(Rendering::text).toList() : List.of();
        long job = o.fields().get("job") instanceof ObjectRef ref ? ref.id() : 0;
        ScheduleFields fields = new ScheduleFields(text(o, "year"), text(o, "month"), text(o, "day"), text(o, "week"),
                text(o, "day_of_week"), text(o, "hour"), text(o, "minute"));
        return new Schedule(o.id(), o.path(), o.displayName(), o.description(), job, parameters, fields,
                o.fields().get("disabled") == BooleanValue.TRUE);
    }

    /** An empty String is an empty field, as a cleared one (§5.3: "an empty (null) field is unspecified"). */
    private static String text(StoredObject o, String field) {
        Value v = o.fields().get(field);
        return v instanceof StringValue s && !s.value().isBlank() ? s.value() : null;
    }

    /** Returns the path of its record under {@code /scheduler}. */
    public String recordPath() {
        return "/scheduler/id_" + id;
    }

    /**
     * Returns when it fires.
     *
     * @throws ScheduleException when its time fields do not describe when it fires
     */
    public ScheduleRule rule() {
        return ScheduleRule.of(fields);
    }

    /**
     * Returns {@code next_run_time}: the first firing after {@code now}, in {@code now}'s zone; empty
     * when disabled, when no firing remains, or when the fields are not valid.
     */
    public Optional<ZonedDateTime> nextRunTime(ZonedDateTime now) {
        if (disabled) {
            return Optional.empty();
        }
        try {
            return rule().nextAfter(now);
        } catch (ScheduleException invalid) {
            return Optional.empty();
        }
    }

    /**
     * Returns what is wrong with it, each as the field concerned (Java null when none is) and the
     * message; empty when it is valid. A job that is not a Jobflow is refused by the type's declaration.
     */
    public List<Problem> problems() {
        if (jobId == 0) {
            return List.of(new Problem("job", "a schedule needs the job it starts"));
        }
        try {
            rule();
            return List.of();
        } catch (ScheduleException e) {
            return List.of(Problem.of(e));
        }
    }

    /**
     * One thing wrong with a schedule.
     *
     * @param field   the field concerned, or Java null
     * @param message what is wrong, naming the field: {@code hour: 24 is out of range 0-23}
     */
    public record Problem(String field, String message) {

        static Problem of(ScheduleException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            String field = colon > 0 ? message.substring(0, colon) : null;
            boolean named = field != null && java.util.Arrays.stream(TimeField.values()).anyMatch(f -> f.fieldName.equals(field));
            return new Problem(named ? field : null, message);
        }
    }
}
