package dev.kompira.cli;

import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessState;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one-line live progress of fork/pfor children that {@code kompira run} keeps on standard error
 * of a terminal ({@code pfor/fork: 37/100 done, 8 running, 2 failed}, redrawn in place), and the
 * step prompts that share that line. Everything else written to the terminal goes through
 * {@link #printing} or {@link #prompt}, which erase the line first, so that it never mixes with
 * other output. Until {@link #start} (never, when standard output is not a terminal) nothing is
 * drawn or erased and those methods only write. Thread-safe.
 */
final class ProgressLine implements AutoCloseable {

    /** How often the line is refreshed; also how long a fork must run before the line appears. */
    private static final long PERIOD_MILLIS = 200;

    /** Returns to the start of the line and erases it. */
    static final String CLEAR = "\r\u001b[K";

    private final PrintWriter terminal;
    private ScheduledExecutorService ticker;
    private boolean onTerminal;
    private boolean shown;
    private String prompt;
    private boolean closed;

    ProgressLine(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** Starts refreshing the line with {@code status}, which returns null when there is nothing to show. */
    synchronized void start(Supplier<String> status) {
        onTerminal = true;
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kompira-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> refresh(status), PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void refresh(Supplier<String> status) {
        // Counting thousands of children takes a while; do it without holding up console output.
        String text = status.get();
        synchronized (this) {
            if (closed || prompt != null) {
                return;
            }
            if (text == null) {
                clear();
            } else {
                terminal.print("\r" + text + "\u001b[K");
                terminal.flush();
                shown = true;
            }
        }
    }

    /**
     * Erases the line, runs {@code write}, and lets the next refresh draw the line again. On a
     * terminal, an open prompt is erased as well and written again after, so that console text of
     * other processes does not land after its question.
     */
    synchronized void printing(Runnable write) {
        boolean reprompt = prompt != null && onTerminal;
        if (reprompt) {
            terminal.print(CLEAR);
            terminal.flush();
        }
        clear();
        write.run();
        if (reprompt) {
            terminal.print(prompt);
            terminal.flush();
        }
    }

    /** Erases the line and writes {@code question}; nothing is drawn until {@link #release} (the answer came). */
    synchronized void prompt(String question) {
        clear();
        prompt = question;
        terminal.print(question);
        terminal.flush();
    }

    /** Ends a {@link #prompt}. */
    synchronized void release() {
        prompt = null;
    }

    private void clear() {
        if (shown) {
            terminal.print(CLEAR);
            terminal.flush();
            shown = false;
        }
    }

    /** Stops refreshing and erases the line. */
    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
    }

    /**
     * Describes the descendants of {@code roots} (their fork/pfor children, and theirs):
     * {@code pfor/fork: D/T done, R running, F failed}, where T counts the children created so far,
     * D those that ended (F of them ABORTED) and R the others; null when none is running.
     */
    static String describe(List<JobflowProcess> roots) {
        Deque<JobflowProcess> todo = new ArrayDeque<>();
        roots.forEach(root -> todo.addAll(root.children()));
        int total = 0;
        int ended = 0;
        int failed = 0;
        while (!todo.isEmpty()) {
            JobflowProcess child = todo.pop();
            ProcessState state = child.state();
            total++;
            ended += state.isFinished() ? 1 : 0;
            failed += state == ProcessState.ABORTED ? 1 : 0;
            todo.addAll(child.children());
        }
        int running = total - ended;
        if (running == 0) {
            return null;
        }
        return "pfor/fork: " + ended + "/" + total + " done, " + running + " running, " + failed + " failed";
    }
}
