package dev.kompira.core.schedule;

import dev.kompira.core.object.ObjectBatch;
import dev.kompira.core.object.ObjectManager;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.object.types.StandardTree;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.TreeRules;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schedules of an engine's tree for Java code ({@code Kompira.schedules()}): the Schedule objects
 * under {@code /system/schedules} (J230), listed, added and removed; each write is one transaction
 * (one commit in the Git store), checked as every write of a Schedule object is (J231). Thread-safe:
 * it keeps no state of its own.
 */
public final class Schedules {

    private final ObjectTree tree;
    private final Clock clock;

    /** The schedules of {@code tree}, with {@code next_run_time} from {@code clock} in the tree's zone. */
    public Schedules(ObjectTree tree, Clock clock) {
        this.tree = tree;
        this.clock = clock;
    }

    /** Returns every schedule, at any depth under {@code /system/schedules}, by id. */
    public List<Schedule> list() {
        return objects().stream().map(Schedule::of).toList();
    }

    /** Returns the Schedule objects, at any depth under {@code /system/schedules}, by id. */
    public List<StoredObject> objects() {
        Optional<StoredObject> folder = tree.get(StandardTree.SCHEDULES_DIRECTORY);
        Optional<StoredObject> type = tree.get(Schedule.TYPE);
        if (folder.isEmpty() || type.isEmpty()) {
            return List.of();
        }
        long typeId = type.get().id();
        List<StoredObject> found = new ArrayList<>();
        for (StoredObject o : tree.store().read(tx -> tx.descendants(folder.get().id()))) {
            if (o.typeId() == typeId) {
                found.add(o);
            }
        }
        found.sort(Comparator.comparingLong(StoredObject::id));
        return found;
    }

    /** Returns the schedule whose record id is {@code id}. */
    public Optional<Schedule> get(long id) {
        return list().stream().filter(s -> s.id() == id).findFirst();
    }

    /** Returns the path of its job, empty when it has none or the job is gone. */
    public Optional<String> jobPath(Schedule s) {
        return s.jobId() == 0 ? Optional.empty() : tree.get(s.jobId()).map(StoredObject::path);
    }

    /** Returns its {@code next_run_time} from now (objects.md §5.3). */
    public Optional<ZonedDateTime> nextRunTime(Schedule s) {
        return s.nextRunTime(ZonedDateTime.now(clock.withZone(tree.zone())));
    }

    /**
     * Adds a schedule named {@code name} that starts the Jobflow at {@code jobPath}, as the object
     * {@code /system/schedules/<name>} where {@code <name>} is {@code name} with every character that
     * an object name cannot hold as {@code _} (and a number when taken); its display name is {@code name}.
     *
     * @param parameters one jobflow expression per parameter, evaluated when it fires
     * @throws dev.kompira.core.object.WriteRefusedException naming the field when a field is not valid
     */
    public Schedule add(String name, String jobPath, List<String> parameters, ScheduleFields fields, boolean disabled) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("job", jobPath);
        values.put("parameters", List.copyOf(parameters));
        put(values, "year", fields.year());
        put(values, "month", fields.month());
        put(values, "day", fields.day());
        put(values, "week", fields.week());
        put(values, "day_of_week", fields.dayOfWeek());
        put(values, "hour", fields.hour());
        put(values, "minute", fields.minute());
        values.put("disabled", disabled);
        ObjectManager objects = new ObjectManager(tree);
        String[] path = new String[1];
        objects.batch("add schedule " + name, b -> {
            addTypeAndFolder(b);
            path[0] = StandardTree.SCHEDULES_DIRECTORY + "/" + freeName(b::exists, name);
            b.create(path[0], "Schedule", values);
            b.setDisplayName(path[0], name);
        });
        return Schedule.of(tree.get(path[0]).orElseThrow());
    }

    /**
     * Removes the schedule whose record id is {@code id}.
     *
     * @throws java.util.NoSuchElementException when there is none (the message says so)
     */
    public void remove(long id) {
        Schedule s = get(id).orElseThrow(() -> new java.util.NoSuchElementException("no schedule with id " + id));
        new ObjectManager(tree).delete(s.path());
    }

    /**
     * A store made before schedules existed has neither their type nor their folder: the first
     * schedule adds them in its own commit, so that such a store needs no migration.
     */
    private static void addTypeAndFolder(ObjectBatch b) {
        if (!b.exists(Schedule.TYPE)) {
            b.create(Schedule.TYPE, "TypeObject", BuiltinTypes.named("Schedule").orElseThrow().typeObjectFields());
        }
        if (!b.exists(StandardTree.SCHEDULES_DIRECTORY)) {
            b.createDirectories(StandardTree.SCHEDULES_DIRECTORY);
        }
    }

    private static void put(Map<String, Object> values, String field, String text) {
        if (text != null) {
            values.put(field, text);
        }
    }

    /** An object name for {@code name} that no sibling has. */
    private static String freeName(java.util.function.Predicate<String> exists, String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(c -> b.appendCodePoint(Character.isLetterOrDigit(c) || c == '_' ? c : '_'));
        String base = b.isEmpty() || Character.isDigit(b.codePointAt(0)) || TreeRules.nameProblem(b.toString()) != null
                ? "schedule_" + b : b.toString();
        String candidate = base;
        for (int n = 2; exists.test(StandardTree.SCHEDULES_DIRECTORY + "/" + candidate); n++) {
            candidate = base + "_" + n;
        }
        return candidate;
    }
}
