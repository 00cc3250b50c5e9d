package dev.kompira.core.schedule;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.LazyArrayValue;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.object.ScheduleQuery;
import dev.kompira.core.object.types.StandardTree;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.Container;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.Materializable;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Virtual mount {@code /scheduler} (objects.md §5.4): the Schedules of the Schedule objects under
 * {@code /system/schedules} (J230), in id order for {@code for}, with {@code add} and {@code find};
 * {@code /scheduler/id_<id>} is one of them ({@link #record}). Thread-safe: it reads the tree at every access.
 */
public final class SchedulerValue implements Attributed, Container, Materializable {

    /** The mount's path. */
    public static final String PATH = "/scheduler";

    private static final Signature ADD = Signature.parse("add(name, job, parameters=null, datetime=null)");

    private final ObjectTree tree;
    private final Clock clock;

    /** The schedules of {@code tree}, with {@code next_run_time} from {@code clock}. */
    public SchedulerValue(ObjectTree tree, Clock clock) {
        this.tree = tree;
        this.clock = clock;
    }

    /**
     * Returns whether the absolute path {@code path} is {@code /scheduler} or under it while the tree
     * mounts the scheduler there (the Virtual object of {@link StandardTree#SCHEDULER_PROVIDER}).
     */
    public static boolean mounted(ObjectTree tree, String path) {
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            return false;
        }
        return tree.get(PATH).filter(o -> tree.typeName(o).equals("Virtual"))
                .map(o -> tree.readField(o, "virtual")).filter(v -> v instanceof StringValue s && s.value().equals(StandardTree.SCHEDULER_PROVIDER))
                .isPresent();
    }

    /**
     * Returns the value of {@code path}, an absolute path at or under {@code /scheduler}: the mount, or the
     * Schedule {@code /scheduler/id_<id>}; any other path under it is {@code R-NOTFOUND}.
     */
    public Value resolve(String path) {
        if (path.equals(PATH)) {
            return this;
        }
        String name = path.substring(PATH.length() + 1);
        Optional<Long> id = name.matches("id_[0-9]{1,18}") ? Optional.of(Long.parseLong(name.substring(3))) : Optional.empty();
        if (id.isEmpty() || schedules().objects().stream().noneMatch(o -> o.id() == id.get())) {
            throw new JobflowError(ErrorCode.R_NOTFOUND, "schedule not found: " + path
                    + (id.isEmpty() ? " (schedules are /scheduler/id_<id>)" : ""));
        }
        return record(id.get());
    }

    /** Returns the Schedule whose id is {@code id}, which need not exist (any access then fails). */
    public ScheduleValue record(long id) {
        return new ScheduleValue(tree, clock, id);
    }

    private Schedules schedules() {
        return new Schedules(tree, clock);
    }

    @Override
    public String typeName() {
        return "Virtual";
    }

    @Override
    public String text() {
        return PATH;
    }

    @Override
    public Value attribute(String name) {
        return switch (name) {
            case "add", "find" -> new MethodValue(this, name);
            default -> throw new JobflowError(ErrorCode.R_ATTRIBUTE, "/scheduler has no attribute '" + name + "'");
        };
    }

    @Override
    public Value call(String name, Arguments arguments) {
        switch (name) {
            case "add":
                return add(ADD.bind(arguments));
            case "find":
                if (!arguments.positional().isEmpty()) {
                    throw new JobflowError(ErrorCode.R_ARGUMENT, "find: parameters are given by keyword");
                }
                ScheduleQuery query = ScheduleQuery.of(tree, arguments.keywords());
                return new LazyArrayValue(tree, () -> query.run(schedules().objects()), o -> record(o.id()));
            default:
                throw new JobflowError(ErrorCode.R_ATTRIBUTE, "/scheduler has no method '" + name + "'");
        }
    }

    /**
     * {@code add(name, job [, parameters, datetime])}: a schedule that fires once at {@code datetime}'s
     * minute (in the engine's zone), or every minute without it; each parameter is stored as the
     * expression that reproduces it.
     */
    private Value add(Signature.Bound b) {
        if (!(b.get("name") instanceof StringValue name) || name.value().isBlank()) {
            throw b.fail("name must be a non-empty String");
        }
        String job;
        if (b.get("job") instanceof ObjectValue o) {
            job = o.text();
        } else if (b.get("job") instanceof StringValue s) {
            job = tree.require(s.value(), "/").path();
        } else {
            throw b.fail("job must be a Jobflow object or its path, got " + b.get("job").typeName());
        }
        ScheduleFields fields;
        if (b.isNull("datetime")) {
            // objects.md §5.4: without a datetime the five time fields are *, as Kompira's form starts
            fields = new ScheduleFields("*", "*", "*", null, null, "*", "*");
        } else if (b.get("datetime") instanceof DatetimeValue d) {
            fields = ScheduleFields.once(d.value().withZoneSameInstant(tree.zone()).toLocalDateTime());
        } else {
            throw b.fail("datetime must be a Datetime, got " + b.get("datetime").typeName());
        }
        try {
            Schedule added = schedules().add(name.value(), job, expressions(b), fields, false);
            return record(added.id());
        } catch (StoreException e) {
            throw b.fail(e.getMessage());
        }
    }

    private static List<String> expressions(Signature.Bound b) {
        Value parameters = b.get("parameters");
        if (parameters == NullValue.NULL) {
            return List.of();
        }
        if (!(parameters instanceof ArrayValue list)) {
            throw b.fail("parameters must be an Array, got " + parameters.typeName());
        }
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Value v = list.get(i);
            expressions.add(ParameterExpression.of(v).orElseThrow(
                    () -> b.fail("parameters[" + expressions.size() + "]: no expression reproduces a " + v.typeName()
                            + "; pass it as a String or a number")));
        }
        return expressions;
    }

    @Override
    public ArrayValue materialize() {
        return new ArrayValue(schedules().objects().stream().map(o -> (Value) record(o.id())).toList());
    }

    @Override
    public boolean containsMember(Value x) {
        return materialize().items().stream().anyMatch(s -> Equality.equal(s, x));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchedulerValue s && s.tree == tree;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(tree);
    }

    @Override
    public String toString() {
        return PATH;
    }
}
