package dev.kompira.cli;

import dev.kompira.core.Kompira;
import dev.kompira.core.object.WriteRefusedException;
import dev.kompira.core.schedule.Schedule;
import dev.kompira.core.schedule.ScheduleFields;
import dev.kompira.core.schedule.Schedules;
import dev.kompira.store.git.GitStore;
import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira schedule add|list|remove --store DIR}: the Schedule objects of a Git store
 * ({@code /system/schedules}, docs/scheduling.md); each change is a commit, as every write of the store.
 */
@Command(name = "schedule",
        mixinStandardHelpOptions = true,
        description = "Adds, lists and removes the schedules of a store (docs/scheduling.md).",
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListSchedules.class, ScheduleCommand.Remove.class})
final class ScheduleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code work} on the schedules of {@code --store}, with an engine that starts nothing. */
    static <T> T withSchedules(StoreOption store, String command, Function<Schedules, T> work) {
        store.require(command);
        try (GitStore git = store.open(); Kompira kompira = Kompira.builder().store(git).schedulesFire(false).build()) {
            return work.apply(kompira.schedules());
        } catch (WriteRefusedException | NoSuchElementException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** {@code kompira schedule add --store DIR NAME JOB [--param EXPR]... [--hour H] [--minute M] ...}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a schedule that starts the Jobflow JOB; prints its id. At least one time field is needed:",
                "the least significant one given fixes the others (objects.md §5.3), e.g. --hour 2 --minute 30 is 02:30 every day."})
    static final class Add implements Callable<Integer> {

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @Parameters(index = "0", paramLabel = "NAME", description = "The schedule's name (free text).")
        String name;

        @Parameters(index = "1", paramLabel = "JOB", description = "The absolute path of the Jobflow it starts.")
        String job;

        @Option(names = "--param", paramLabel = "EXPR", description = "A parameter of the job, as a jobflow expression "
                + "evaluated when it fires ('db', 42); repeat for each, in order.")
        List<String> parameters = new ArrayList<>();

        @Option(names = "--year", paramLabel = "EXPR") String year;
        @Option(names = "--month", paramLabel = "EXPR") String month;
        @Option(names = "--day", paramLabel = "EXPR", description = "1-31, 1st mon ... 5th sun, last fri, last.") String day;
        @Option(names = "--week", paramLabel = "EXPR", description = "The ISO week, 1-53.") String week;
        @Option(names = "--day-of-week", paramLabel = "EXPR", description = "0 (Monday) - 6, or mon ... sun.") String dayOfWeek;
        @Option(names = "--hour", paramLabel = "EXPR") String hour;
        @Option(names = "--minute", paramLabel = "EXPR") String minute;

        @Option(names = "--disabled", description = "Add it disabled: it never fires until enabled.")
        boolean disabled;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ScheduleFields fields = new ScheduleFields(year, month, day, week, dayOfWeek, hour, minute);
            Schedule s = withSchedules(store, "kompira schedule add", schedules -> schedules.add(name, job, parameters, fields, disabled));
            PrintWriter out = spec.commandLine().getOut();
            out.println(s.id());
            out.flush();
            return 0;
        }
    }

    /** {@code kompira schedule list --store DIR}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the schedules: id, name, job, time fields (year month day week day_of_week hour minute), next run.")
    static final class ListSchedules implements Callable<Integer> {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<String> lines = withSchedules(store, "kompira schedule list", schedules -> schedules.list().stream()
                    .map(s -> String.join("\t", String.valueOf(s.id()), s.name(), job(schedules, s), when(s.fields()),
                            s.disabled() ? "disabled" : schedules.nextRunTime(s).map(TIME::format).orElse("never")))
                    .toList());
            PrintWriter out = spec.commandLine().getOut();
            out.println(String.join("\t", "ID", "NAME", "JOB", "WHEN", "NEXT"));
            lines.forEach(out::println);
            out.flush();
            return 0;
        }

        private static String job(Schedules schedules, Schedule s) {
            return schedules.jobPath(s).orElse("(none)");
        }

        /** The seven time fields as crontab-like columns, {@code -} for an empty one. */
        private static String when(ScheduleFields f) {
            List<String> parts = new ArrayList<>();
            for (String v : new String[] {f.year(), f.month(), f.day(), f.week(), f.dayOfWeek(), f.hour(), f.minute()}) {
                parts.add(v == null ? "-" : v);
            }
            return String.join(" ", parts);
        }
    }

    /** {@code kompira schedule remove --store DIR ID}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a schedule by its id (kompira schedule list).")
    static final class Remove implements Callable<Integer> {

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @Parameters(index = "0", paramLabel = "ID", description = "The schedule's id.")
        long id;

        @Override
        public Integer call() {
            withSchedules(store, "kompira schedule remove", schedules -> {
                schedules.remove(id);
                return null;
            });
            return 0;
        }
    }
}
