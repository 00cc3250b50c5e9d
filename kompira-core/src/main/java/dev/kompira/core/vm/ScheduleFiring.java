package dev.kompira.core.vm;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.schedule.Schedule;
import dev.kompira.core.schedule.ScheduleException;
import dev.kompira.core.schedule.ScheduleRule;
import dev.kompira.core.schedule.Schedules;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the jobs of the tree's Schedule objects when they are due (objects.md §5.3), on the engine's
 * timer thread: no thread of its own, and none woken when nothing is due. It looks once a minute,
 * just after the minute boundary of the engine's clock, and starts every enabled schedule whose rule
 * matches a minute since its last look, at most once per look (J232). A look that comes late (a busy
 * machine, a pause) still starts what fell due in the {@link #CATCH_UP} minutes before it; anything
 * earlier is time the engine was down or asleep and is not made up, nor is anything due before the
 * engine started (J233). Each run is a new process with {@code schedule} set and no invoker, whose
 * parameters are the schedule's expressions evaluated in an empty scope; the job's multiplicity
 * applies. Thread-safe; {@link #close()} stops looking.
 */
public final class ScheduleFiring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleFiring.class);
    /** The longest gap between two looks that is made up: longer is down time. */
    static final Duration CATCH_UP = Duration.ofMinutes(5);
    /** How long after the minute boundary a look comes, so that a clock read at the boundary is past it. */
    private static final long AFTER_BOUNDARY_MILLIS = 20;

    private final EngineServices services;
    private final Duration tick;
    /** The last minute looked at, as an instant; only the timer thread changes it. */
    private volatile Instant lastLooked;
    private volatile ScheduledFuture<?> next;
    private volatile boolean closed;

    /**
     * Makes the firing of {@code services}' schedules.
     *
     * @param tick how often to look, or Java null to look just after each minute boundary of the
     *             engine's clock (tests with a fixed clock look often and move the clock)
     */
    public ScheduleFiring(EngineServices services, Duration tick) {
        this.services = services;
        this.tick = tick;
    }

    /** Starts looking; what was due before now, the current minute included, is not started. */
    public void start() {
        lastLooked = minuteOf(services.clock().instant());
        if (tick != null) {
            next = services.timer().scheduleWithFixedDelay(this::wake, tick.toNanos(), tick.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            scheduleNextBoundary();
        }
    }

    /** Stops looking; processes already started run on. */
    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
    }

    private void scheduleNextBoundary() {
        if (closed) {
            return;
        }
        Instant now = services.clock().instant();
        long delay = Duration.between(now, minuteOf(now).plus(1, ChronoUnit.MINUTES)).toMillis() + AFTER_BOUNDARY_MILLIS;
        next = services.timer().schedule(() -> {
            wake();
            scheduleNextBoundary();
        }, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Looks on the timer thread itself: reading the schedules takes moments, and a look that finds
     * nothing due wakes no other thread; the processes it starts run on the carrier threads.
     */
    private void wake() {
        if (closed) {
            return;
        }
        try {
            look(services.clock().instant());
        } catch (RuntimeException e) {
            // the timer must go on: a failed look is tried again at the next minute
            LOG.warn("cannot look for schedules to start: {}", e.toString());
        }
    }

    /** Starts what fell due in the minutes after the last look up to the minute of {@code now}. */
    void look(Instant now) {
        Instant current = minuteOf(now);
        Instant last = lastLooked;
        if (!current.isAfter(last)) {
            return;
        }
        lastLooked = current;
        Instant first = last.plus(1, ChronoUnit.MINUTES);
        Instant earliest = current.minus(CATCH_UP);
        if (first.isBefore(earliest)) {
            LOG.info("schedules: nothing seen from {} to {} (the engine was down or asleep); what fell due then is not made up",
                    first, earliest);
            first = earliest;
        }
        for (Schedule s : new Schedules(services.tree(), services.clock()).list()) {
            if (!s.disabled() && due(s, first, current)) {
                fire(s);
            }
        }
    }

    /** Whether {@code s} fires at a minute from {@code first} to {@code last}; an invalid schedule is logged and skipped. */
    private boolean due(Schedule s, Instant first, Instant last) {
        ScheduleRule rule;
        try {
            rule = s.rule();
        } catch (ScheduleException invalid) {
            LOG.warn("schedule {}: {}; it does not fire until it is corrected", s.path(), invalid.getMessage());
            return false;
        }
        for (Instant m = first; !m.isAfter(last); m = m.plus(1, ChronoUnit.MINUTES)) {
            LocalDateTime local = LocalDateTime.ofInstant(m, services.zone());
            // a local minute that a daylight-saving change repeats fires at its first instant only (J179)
            if (rule.matches(local) && ZonedDateTime.of(local, services.zone()).toInstant().equals(m)) {
                return true;
            }
        }
        return false;
    }

    /** Starts one run of {@code s}; a job that cannot start is logged, and the schedule fires again at its next time. */
    private void fire(Schedule s) {
        try {
            StoredObject job = services.tree().get(s.jobId())
                    .orElseThrow(() -> new IllegalStateException("its job (#" + s.jobId() + ") no longer exists"));
            if (!services.tree().typeName(job).equals("Jobflow")) {
                throw new IllegalStateException("its job " + job.path() + " is a " + services.tree().typeName(job)
                        + "; schedules start Jobflows only in this version");
            }
            CompiledProgram flow = services.jobflows().compiled(job);
            Machine m = Machine.create(services.registry().newPid(), flow, arguments(s, flow), StartOptions.DEFAULT, services);
            m.runsJobflow(job, StartOptions.DEFAULT);
            m.startedBy(s.id());
            m.start();
            LOG.info("schedule {} started {} as process {}", s.path(), job.path(), m.pid());
        } catch (JobflowError | IllegalStateException | IllegalArgumentException e) {
            LOG.warn("schedule {} cannot start its job: {}", s.path(), e.getMessage());
        }
    }

    /** The schedule's parameter expressions, each evaluated in an empty scope, bound in order to the flow's parameters. */
    private Map<String, Value> arguments(Schedule s, CompiledProgram flow) {
        if (s.parameters().size() > flow.parameters().size()) {
            throw new IllegalArgumentException("it gives " + s.parameters().size() + " parameters and the job takes "
                    + flow.parameters().size());
        }
        Map<String, Value> arguments = new LinkedHashMap<>();
        for (int i = 0; i < s.parameters().size(); i++) {
            String name = flow.parameters().get(i).name();
            arguments.put(name, evaluate(s.path() + " parameter " + (i + 1), s.parameters().get(i)));
        }
        return arguments;
    }

    /** Evaluates a parameter expression in an empty scope, as a parameter default is (D94). */
    private Value evaluate(String where, String expression) {
        ParseResult checked = JobflowParser.check(where, "| value = " + expression + " |\n");
        if (checked.hasErrors()) {
            throw new IllegalArgumentException(where + " is not an expression: " + expression);
        }
        return Machine.evaluateDefault(Compiler.compile(checked), services);
    }

    private static Instant minuteOf(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }
}
