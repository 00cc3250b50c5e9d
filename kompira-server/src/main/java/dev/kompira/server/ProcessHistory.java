package dev.kompira.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.transport.LocalFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The records of a server's processes, kept in a folder so that they outlive the engine: a process
 * that ended before the server restarted is still listed and shown, with its console, by the API.
 *
 * <p>One file per process, {@code process-<pid>.json}: {@code {"format": 1, "process": <the API's
 * view>, "console": <its console>}}, written when the engine makes the process (so that one running
 * when the server was killed is known at the next start) and again when it ends. A write goes to a
 * temporary file renamed over the record, so a record is read whole or not at all; it is not forced
 * to disk (history, unlike a checkpoint, is not state a process needs, and a force per process
 * would slow every start). The console is the one the engine keeps, its first 64 KiB (D100).
 *
 * <p>Retention: the records of ended processes beyond the newest {@code keep} (by end time), and
 * those that ended more than {@code keepFor} ago, are deleted; records of running processes are
 * kept. At {@linkplain #attach the next start}, a record of a process that had not ended and that the
 * engine did not resume is rewritten as {@code ABORTED} with {@code error} {@value #STOPPED}.
 *
 * <p>Use: build the engine with {@code pidsAbove(history.highestPid())} (pids are never given twice)
 * and {@code onProcess(history::created)}, give the history to {@link KompiraServer.Builder#history},
 * call {@link #stopping()} before closing the engine and {@link #close()} after. Thread-safe: one
 * thread writes, any thread reads.
 */
public final class ProcessHistory implements AutoCloseable {

    /** The records of ended processes kept unless told otherwise. */
    public static final int DEFAULT_KEEP = 1000;
    /** How long the record of an ended process is kept unless told otherwise. */
    public static final Duration DEFAULT_KEEP_FOR = Duration.ofDays(30);
    /** The {@code error} of a process that ended because the server stopped. */
    public static final String STOPPED = "the server stopped while it ran";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProcessHistory.class);
    private static final Pattern RECORD = Pattern.compile("process-([1-9][0-9]{0,17})\\.json");
    private static final int FORMAT = 1;

    /** A kept record: the process as the API shows it; its console stays in the file. */
    record Kept(long pid, ObjectNode view, boolean ended, Instant finished) {

        static Kept of(long pid, ObjectNode view) {
            String state = view.path("state").asText();
            boolean ended = state.equals("DONE") || state.equals("ABORTED");
            JsonNode finished = view.path("finished");
            return new Kept(pid, view, ended, finished.isTextual() ? Instant.parse(finished.asText()) : null);
        }

        /** Whether {@code query} selects this process, as {@link ProcessQuery#matches} would. */
        boolean matches(ProcessQuery query) {
            return (query.state() == null || query.state().name().equals(view.path("state").asText()))
                    && (query.parentPid() == null || query.parentPid() == view.path("parent").asLong(-1))
                    && (query.jobflow() == null || query.jobflow().equals(view.path("jobflow").asText()))
                    && within(time("started"), query.startedAfter(), query.startedBefore())
                    && within(finished, query.finishedAfter(), query.finishedBefore());
        }

        private Instant time(String field) {
            JsonNode t = view.path(field);
            return t.isTextual() ? Instant.parse(t.asText()) : null;
        }

        private static boolean within(Instant time, Instant from, Instant to) {
            return from == null && to == null
                    || time != null && (from == null || !time.isBefore(from)) && (to == null || time.isBefore(to));
        }
    }

    private static final Comparator<Kept> BY_END = Comparator.comparing(Kept::finished).thenComparingLong(Kept::pid);

    private final Path folder;
    private final int keep;
    private final Duration keepFor;
    private final Clock clock;
    private final long highestPid;
    private final ConcurrentSkipListMap<Long, Kept> kept = new ConcurrentSkipListMap<>();
    /** The ended records, oldest end first; used by the writer only. */
    private final NavigableSet<Kept> byEnd = new ConcurrentSkipListSet<>(BY_END);
    /** Processes to write as they are now, by pid. */
    private final Map<Long, JobflowProcess> dirty = new ConcurrentSkipListMap<>();
    /** Processes in checkpoint mode stopped with the server: their record stays that of a running process. */
    private final Set<Long> stoppedCheckpointed = ConcurrentHashMap.newKeySet();
    /** Processes that ended because the server stopped. */
    private final Set<Long> stoppedWithServer = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ExecutorService writer;
    private volatile ProcessViews views;
    private volatile boolean stopping;

    private ProcessHistory(Path folder, int keep, Duration keepFor, Clock clock) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.keep = keep;
        this.keepFor = keepFor;
        this.clock = clock;
        this.highestPid = load();
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kompira-process-history");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the records kept in {@code folder} (created when missing), keeping those of ended
     * processes up to {@code keep} of them and for {@code keepFor}.
     *
     * @throws IllegalArgumentException for a negative {@code keep} or a {@code keepFor} that is not positive
     * @throws UncheckedIOException     when the folder cannot be made or listed
     */
    public static ProcessHistory open(Path folder, int keep, Duration keepFor) {
        return open(folder, keep, keepFor, Clock.systemUTC());
    }

    static ProcessHistory open(Path folder, int keep, Duration keepFor, Clock clock) {
        if (keep < 0 || keepFor.isNegative() || keepFor.isZero()) {
            throw new IllegalArgumentException("keep at least 0 records, for a positive time: " + keep + ", " + keepFor);
        }
        try {
            return new ProcessHistory(folder, keep, keepFor, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the process records in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Reads the records; returns the highest pid a record file names. */
    private long load() throws IOException {
        long highest = 0;
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.startsWith(".process-") && name.endsWith(".tmp")) {
                Files.deleteIfExists(file);     // a write a crash cut short
                continue;
            }
            Matcher m = RECORD.matcher(name);
            if (!m.matches()) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            highest = Math.max(highest, pid);
            try {
                JsonNode record = Http.JSON.readTree(file.toFile());
                if (record.path("format").asInt() != FORMAT || !(record.get("process") instanceof ObjectNode view)) {
                    throw new IOException("not a process record of format " + FORMAT);
                }
                index(Kept.of(pid, view));
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping the process record {}: {}", file, e.getMessage());
            }
        }
        return highest;
    }

    /** Returns the highest pid of a kept record (0 when none): the engine's new pids go above it. */
    public long highestPid() {
        return highestPid;
    }

    /**
     * Notes a process the engine made, to record it once the history is attached and again when it
     * ends; made for {@code Kompira.Builder.onProcess}. Quick; reads nothing of the process.
     */
    public void created(JobflowProcess p) {
        mark(p);
        p.completion().whenComplete((outcome, failure) -> ended(p));
    }

    /** Records {@code p} again as it is now (its invoker became known). */
    void changed(JobflowProcess p) {
        mark(p);
    }

    private void ended(JobflowProcess p) {
        if (stopping) {
            if (p.isCheckpointMode()) {
                stoppedCheckpointed.add(p.pid());   // it resumes at the next start
                return;
            }
            stoppedWithServer.add(p.pid());
        }
        mark(p);
    }

    private void mark(JobflowProcess p) {
        dirty.put(p.pid(), p);
        if (views != null && drainScheduled.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
    }

    /**
     * Starts recording the processes of {@code engine}, shown by {@code views}: a record of a process
     * that had not ended and that the engine does not have (it was not in checkpoint mode, or could
     * not be resumed) is rewritten as ended ABORTED because the server stopped; the invoker of a
     * resumed process is taken from its record.
     */
    void attach(Kompira engine, ProcessViews views) {
        for (Kept k : List.copyOf(kept.values())) {
            if (k.ended()) {
                continue;
            }
            Optional<JobflowProcess> live = engine.process(k.pid());
            if (live.isPresent()) {
                JsonNode invoker = k.view().path("invoker");
                if (invoker.isTextual()) {
                    views.startedBy(live.get(), invoker.asText());
                }
            } else {
                writer.execute(() -> abortStopped(k));
            }
        }
        this.views = views;
        if (drainScheduled.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
        writer.execute(this::prune);
    }

    private void abortStopped(Kept k) {
        ObjectNode view = k.view().deepCopy();
        view.put("state", "ABORTED").put("suspended", false).put("finished", clock.instant().toString())
                .put("exit_status", 1).put("error", STOPPED);
        write(Kept.of(k.pid(), view), console(k.pid()).orElse(""));
    }

    /**
     * Says that the server is stopping: a process in checkpoint mode that the engine stops from now
     * on keeps the record of a running process (it resumes at the next start), and the others are
     * recorded ABORTED with {@code error} {@value #STOPPED}. Call it before closing the engine.
     */
    public void stopping() {
        stopping = true;
    }

    private void drain() {
        drainScheduled.set(false);
        for (Long pid : List.copyOf(dirty.keySet())) {
            JobflowProcess p = dirty.remove(pid);
            if (p != null) {
                try {
                    record(p);
                } catch (RuntimeException e) {
                    LOG.warn("cannot record process {}: {}", pid, e.getMessage());
                }
            }
        }
    }

    private void record(JobflowProcess p) {
        ObjectNode view = views.view(p);
        Kept k = Kept.of(p.pid(), view);
        if (k.ended() && stoppedCheckpointed.contains(p.pid())) {
            return;
        }
        if (k.ended() && stoppedWithServer.contains(p.pid())) {
            view.put("error", STOPPED);
        }
        write(k, p.console());
    }

    private void write(Kept k, String console) {
        ObjectNode record = Http.JSON.createObjectNode().put("format", FORMAT);
        record.set("process", k.view());
        record.put("console", console);
        Path target = file(k.pid());
        try {
            Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
            try {
                Http.JSON.writeValue(temporary.toFile(), record);
                LocalFiles.moveOver(temporary, target);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            LOG.warn("cannot write the process record {}: {}", target, e.getMessage());
            return;
        }
        index(k);
        if (k.ended()) {
            prune();
        }
    }

    private void index(Kept k) {
        Kept old = kept.put(k.pid(), k);
        if (old != null && old.ended()) {
            byEnd.remove(old);
        }
        if (k.ended()) {
            byEnd.add(k);
        }
    }

    /** Deletes the records of ended processes beyond the newest {@code keep} and older than {@code keepFor}. */
    private void prune() {
        Instant cutoff = clock.instant().minus(keepFor);
        while (!byEnd.isEmpty() && (byEnd.size() > keep || byEnd.first().finished().isBefore(cutoff))) {
            Kept oldest = byEnd.pollFirst();
            kept.remove(oldest.pid(), oldest);
            try {
                Files.deleteIfExists(file(oldest.pid()));
            } catch (IOException e) {
                LOG.warn("cannot delete the process record {}: {}", file(oldest.pid()), e.getMessage());
            }
        }
    }

    /** Returns the kept record of process {@code pid} as the API shows it. */
    Optional<Kept> find(long pid) {
        return Optional.ofNullable(kept.get(pid));
    }

    /** Returns the kept records that {@code query} selects, in pid order. */
    List<Kept> list(ProcessQuery query) {
        List<Kept> found = new ArrayList<>();
        for (Kept k : kept.values()) {
            if (k.matches(query)) {
                found.add(k);
            }
        }
        return found;
    }

    /** Returns the console kept for process {@code pid}. */
    Optional<String> console(long pid) {
        try {
            return Optional.of(Http.JSON.readTree(file(pid).toFile()).path("console").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path file(long pid) {
        return folder.resolve("process-" + pid + ".json");
    }

    /** Writes what is left to write and stops the writer; call it after closing the engine. */
    @Override
    public void close() {
        if (views != null && drainScheduled.compareAndSet(false, true)) {
            writer.execute(this::drain);
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the process records were not all written within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
