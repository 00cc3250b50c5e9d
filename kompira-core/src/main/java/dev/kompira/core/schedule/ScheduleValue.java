package dev.kompira.core.schedule;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Clock;
import java.util.List;

/**
 * A Schedule as a jobflow value, {@code /scheduler/id_<id>} (objects.md §5.3): the properties of its
 * Schedule object under {@code /system/schedules}, read afresh at every access, updates written to that
 * object through the checked write of every Schedule object (J231), and {@code delete()}. Two values of
 * the same schedule are equal. Thread-safe: it keeps only the object's id.
 */
public final class ScheduleValue implements Attributed {

    private static final Signature DELETE = Signature.parse("delete()");
    private static final List<String> FIELDS = List.of("job", "parameters", "year", "month", "day", "week", "day_of_week",
            "hour", "minute", "disabled");

    private final ObjectTree tree;
    private final Clock clock;
    private final long id;

    /** The schedule kept by the Schedule object {@code id} of {@code tree}; {@code next_run_time} from {@code clock}. */
    public ScheduleValue(ObjectTree tree, Clock clock, long id) {
        this.tree = tree;
        this.clock = clock;
        this.id = id;
    }

    @Override
    public String typeName() {
        return "Schedule";
    }

    @Override
    public String text() {
        return "/scheduler/id_" + id;
    }

    @Override
    public Value attribute(String name) {
        Schedule s = Schedule.of(object());
        ScheduleFields f = s.fields();
        return switch (name) {
            case "id" -> IntegerValue.of(id);
            case "abspath" -> StringValue.of(text());
            case "name" -> StringValue.of(s.name());
            case "description" -> StringValue.of(s.description());
            case "job" -> s.jobId() == 0 ? NullValue.NULL
                    : tree.get(s.jobId()).map(o -> (Value) new ObjectValue(tree, o.id(), o.path())).orElse(NullValue.NULL);
            case "parameters" -> new ArrayValue(s.parameters().stream().map(p -> (Value) StringValue.of(p)).toList());
            case "year" -> text(f.year());
            case "month" -> text(f.month());
            case "day" -> text(f.day());
            case "week" -> text(f.week());
            case "day_of_week" -> text(f.dayOfWeek());
            case "hour" -> text(f.hour());
            case "minute" -> text(f.minute());
            case "disabled" -> BooleanValue.of(s.disabled());
            case "next_run_time" -> new Schedules(tree, clock).nextRunTime(s).map(t -> (Value) new DatetimeValue(t))
                    .orElse(NullValue.NULL);
            case "delete" -> new MethodValue(this, name);
            default -> throw new JobflowError(ErrorCode.R_ATTRIBUTE, "Schedule value has no attribute '" + name + "'");
        };
    }

    private static Value text(String field) {
        return field == null ? NullValue.NULL : StringValue.of(field);
    }

    @Override
    public Value call(String name, Arguments arguments) {
        if (!name.equals("delete")) {
            throw new JobflowError(ErrorCode.R_ATTRIBUTE, "Schedule value has no method '" + name + "'");
        }
        DELETE.bind(arguments);
        objectValue().call("delete", arguments);
        return NullValue.NULL;
    }

    /**
     * Writes {@code name} to the Schedule object: {@code name} is its display name, the others its
     * fields of the same name; the write is refused, naming the field, when the schedule it leaves is
     * not valid (J231).
     */
    @Override
    public void update(String name, Value value) {
        if (name.equals("name") || name.equals("description")) {
            objectValue().update(name.equals("name") ? "display_name" : name, value);
        } else if (FIELDS.contains(name)) {
            objectValue().updateField(name, value);
        } else if (name.equals("id") || name.equals("abspath") || name.equals("next_run_time")) {
            throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + text() + "." + name + ": it is read-only");
        } else {
            throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + text() + "." + name + ": a Schedule has no such property");
        }
    }

    private ObjectValue objectValue() {
        StoredObject o = object();
        return new ObjectValue(tree, o.id(), o.path());
    }

    /** The Schedule object now; a schedule deleted since is {@code R-NOTFOUND}. */
    private StoredObject object() {
        return tree.get(id).filter(o -> tree.get(o.typeId()).map(StoredObject::path).orElse("").equals(Schedule.TYPE))
                .orElseThrow(() -> new JobflowError(ErrorCode.R_NOTFOUND, "schedule not found: " + text()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScheduleValue s && s.id == id && s.tree == tree;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return text();
    }
}
