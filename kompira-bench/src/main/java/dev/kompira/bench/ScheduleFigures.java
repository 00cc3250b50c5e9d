package dev.kompira.bench;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.schedule.ScheduleFields;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Adds {@value #SCHEDULES} schedules all due at the same minute, on the real clock, and prints how
 * long after that minute's boundary the last of their processes started (bar: within 5 s). It waits
 * for the minute to come: up to two minutes.
 *
 * <pre>java -cp kompira-bench/target/benchmarks.jar dev.kompira.bench.ScheduleFigures</pre>
 */
public final class ScheduleFigures {

    static final int SCHEDULES = 1_000;

    private ScheduleFigures() {
    }

    /** Runs the measurement. */
    public static void main(String[] args) throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        try (Kompira engine = Kompira.builder().zone(zone).build()) {
            engine.objects().createJobflow("/job", "| n = 0 |\n[x = n]");
            // the minute after the next one: adding the schedules must not take us past it
            ZonedDateTime due = ZonedDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(2);
            ScheduleFields fields = new ScheduleFields(null, null, null, null, null, String.valueOf(due.getHour()),
                    String.valueOf(due.getMinute()));
            for (int i = 0; i < SCHEDULES; i++) {
                engine.schedules().add("s" + i, "/job", List.of(String.valueOf(i)), fields, false);
            }
            Instant deadline = due.toInstant().plus(Duration.ofSeconds(30));
            List<JobflowProcess> started = List.of();
            while (started.size() < SCHEDULES && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
                started = engine.processes(ProcessQuery.all());
            }
            Instant last = started.stream().map(JobflowProcess::startedTime).max(Instant::compareTo).orElse(deadline);
            double seconds = Duration.between(due.toInstant(), last).toMillis() / 1000.0;
            System.out.printf("%d schedules due at %s: %d started, the last %.2f s after the minute (bar: <= 5 s)%n",
                    SCHEDULES, due.toLocalTime(), started.size(), seconds);
        }
    }
}
