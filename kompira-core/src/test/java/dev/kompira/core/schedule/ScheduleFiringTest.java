package dev.kompira.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.object.WriteRefusedException;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schedules fire on the engine's timer by the engine's clock (objects.md §5.3): a fixed clock that
 * the test moves, and a scheduler that looks every few milliseconds. A schedule that fires every
 * minute, created last, tells the test that a look has happened: the scheduler starts the due
 * schedules in id order.
 */
class ScheduleFiringTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final MovableClock clock = new MovableClock(at(9, 0, 30));
    private Kompira kompira;

    @BeforeEach
    void engine() {
        kompira = Kompira.builder().zone(TOKYO).clock(clock).scheduleTick(Duration.ofMillis(5)).build();
        kompira.objects().batch("flows", b -> {
            b.createDirectories("/t");
            b.createJobflow("/t/hello", "| who = 'nobody' |\nprint('hello ' + who)");
            b.createJobflow("/t/off", "print('off')");
            b.createJobflow("/t/sentinel", "print(current().schedule, current().invoker)");
        });
    }

    @AfterEach
    void close() {
        kompira.close();
    }

    @Test
    void aScheduleDueInTheNextMinuteFiresExactlyOnceWithItsParametersAndADisabledOneNever() throws Exception {
        Schedule due = kompira.schedules().add("Morning hello", "/t/hello", List.of("'world'"),
                new ScheduleFields(null, null, null, null, null, "9", "1"), false);
        kompira.schedules().add("off", "/t/off", List.of(), new ScheduleFields(null, null, null, null, null, null, "*"), true);
        addSentinel();
        assertEquals(Map.of(), counts(), "nothing is due at 09:00");

        clock.moveTo(at(9, 1, 2));
        awaitSentinel(1);
        assertEquals(1, runs("/t/hello").size());
        JobflowProcess run = runs("/t/hello").get(0);
        run.await();
        assertEquals("hello world\n", run.console());
        assertEquals(due.id(), run.scheduleId().orElseThrow());
        JobflowProcess tick = runs("/t/sentinel").get(0);
        tick.await();
        assertEquals("/system/schedules/sentinel null\n", tick.console(), "the process's schedule is the Schedule object");

        clock.moveTo(at(9, 2, 1));
        awaitSentinel(2);
        assertEquals(1, runs("/t/hello").size(), "09:01 fired once, whatever the number of looks");
        assertEquals(0, runs("/t/off").size(), "a disabled schedule never fires");
    }

    @Test
    void whatFellDueWhileTheEngineWasDownIsNotMadeUpAndLateLooksStillFire() throws Exception {
        kompira.schedules().add("at 09:03", "/t/hello", List.of(), new ScheduleFields(null, null, null, null, null, "9", "3"), false);
        kompira.schedules().add("at 10:30", "/t/off", List.of(), new ScheduleFields(null, null, null, null, null, "10", "30"), false);
        addSentinel();

        clock.moveTo(at(9, 4, 50));
        awaitSentinel(1);
        assertEquals(1, runs("/t/hello").size(), "a look late by a minute still starts what fell due");

        clock.moveTo(at(11, 0, 1));
        awaitSentinel(2);
        assertEquals(0, runs("/t/off").size(), "10:30 fell in an hour without looks: not made up");
    }

    @Test
    void anInvalidFieldIsRefusedWithAMessageNamingItAndNothingIsWritten() {
        WriteRefusedException e = assertThrows(WriteRefusedException.class, () -> kompira.schedules().add("bad", "/t/hello",
                List.of(), new ScheduleFields(null, null, null, null, null, "24", "0"), false));
        assertEquals("/system/schedules/bad: hour: 24 is out of range 0-23", e.getMessage());
        assertEquals("hour", e.problems().get(0).field());
        assertFalse(kompira.objects().exists("/system/schedules/bad"));

        WriteRefusedException none = assertThrows(WriteRefusedException.class, () -> kompira.objects().create(
                "/system/schedules/empty", "Schedule", Map.of("job", "/t/hello")));
        assertTrue(none.getMessage().contains("a schedule needs at least one of year"), none.getMessage());

        Schedule ok = kompira.schedules().add("ok", "/t/hello", List.of(), new ScheduleFields(null, null, null, null, null, "9", "0"), false);
        assertThrows(WriteRefusedException.class, () -> kompira.objects().setField(ok.path(), "minute", "60"));
        assertEquals("0", kompira.schedules().get(ok.id()).orElseThrow().fields().minute());
    }

    @Test
    void nextRunTimeIsComputedAndAddNamesTheObjectFromTheName() {
        Schedule s = kompira.schedules().add("Nightly backup", "/t/hello", List.of(),
                new ScheduleFields(null, null, null, null, null, "2", "30"), false);
        assertEquals("/system/schedules/Nightly_backup", s.path());
        assertEquals("Nightly backup", s.name());
        assertEquals("/scheduler/id_" + s.id(), s.recordPath());
        assertEquals(ZonedDateTime.of(2026, 12, 8, 2, 30, 0, 0, TOKYO), kompira.schedules().nextRunTime(s).orElseThrow());
        Schedule again = kompira.schedules().add("Nightly backup", "/t/off", List.of(),
                new ScheduleFields(null, null, null, null, null, "2", "30"), true);
        assertEquals("/system/schedules/Nightly_backup_2", again.path());
        assertTrue(kompira.schedules().nextRunTime(again).isEmpty(), "disabled: no next run");
        kompira.schedules().remove(s.id());
        assertEquals(List.of(again.id()), kompira.schedules().list().stream().map(Schedule::id).toList());
    }

    @Test
    void aScheduleAddedByAFlowThroughSchedulerFiresWithTheValuesItsParametersGaveAndReadsItsNextRunTime() throws Exception {
        kompira.objects().createJobflow("/t/params", "| a |\n| b |\n| c |\n| d |\n| e |\nprint(a, b, c, d, e)");
        JobflowProcess flow = kompira.start(kompira.compile("adds", """
                [s = /scheduler.add('params', /t/params, ['db', 5, [true, null], {k = 1.5}, /t/off],
                        datetime('2026-12-07 09:01:40'))] ->
                print(s.parameters, s.next_run_time)"""), Map.of());
        flow.await(Duration.ofSeconds(20));
        assertEquals("[\"'db'\", '5', '[true, null]', '{k = 1.5}', '/t/off'] 2026-12-07 09:01:00+09:00\n", flow.console());
        addSentinel();

        clock.moveTo(at(9, 1, 2));
        awaitSentinel(1);
        JobflowProcess run = runs("/t/params").get(0);
        run.await(Duration.ofSeconds(20));
        assertEquals("db 5 [true, null] {k=1.5} /t/off\n", run.console(), "each expression gives back its value");
    }

    private void addSentinel() {
        kompira.schedules().add("sentinel", "/t/sentinel", List.of(), new ScheduleFields(null, null, null, null, null, null, "*"),
                false);
    }

    private void awaitSentinel(int runs) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (runs("/t/sentinel").size() < runs) {
            assertTrue(System.nanoTime() < deadline, "the scheduler did not look");
            Thread.sleep(5);
        }
        assertEquals(runs, runs("/t/sentinel").size(), "the sentinel fires once a minute");
    }

    private List<JobflowProcess> runs(String jobflow) {
        return kompira.processes(ProcessQuery.all().withJobflow(jobflow));
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        kompira.processes(ProcessQuery.all()).forEach(p -> counts.merge(p.jobflow(), 1, Integer::sum));
        return counts;
    }

    private static Instant at(int hour, int minute, int second) {
        return LocalDateTime.of(2026, 12, 7, hour, minute, second).atZone(TOKYO).toInstant();
    }

    /** A clock that stands still until the test moves it. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;
        private final ZoneId zone;

        MovableClock(Instant now) {
            this(now, TOKYO);
        }

        private MovableClock(Instant now, ZoneId zone) {
            this.now = now;
            this.zone = zone;
        }

        void moveTo(Instant to) {
            now = to;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return this;
        }
    }
}
