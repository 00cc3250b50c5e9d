package dev.kompira.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Processes as the API shows them, and who started them: the name of the token that started a
 * process through the API is its invoker, and a child's invoker is its root's. Thread-safe.
 */
final class ProcessViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The token name that started each process through the API, by pid. */
    private final Map<Long, String> invokers = new ConcurrentHashMap<>();

    /** Records that token {@code name} started process {@code p}. */
    void startedBy(JobflowProcess p, String name) {
        invokers.put(p.pid(), name);
    }

    /** Returns the name of the token that started {@code p} or its root process through the API. */
    Optional<String> invoker(JobflowProcess p) {
        JobflowProcess root = p;
        while (root.parent().isPresent()) {
            root = root.parent().get();
        }
        return Optional.ofNullable(invokers.get(root.pid()));
    }

    /**
     * Returns {@code p} as JSON: pid, jobflow, state, modes, times, and once it has ended its exit
     * status, {@code $RESULT} and {@code $ERROR}; its parent, children, invoker and schedule (an id).
     */
    ObjectNode view(JobflowProcess p) {
        ObjectNode v = NODES.objectNode();
        v.put("pid", p.pid());
        v.put("jobflow", p.jobflow());
        ProcessOutcome outcome = outcome(p);
        v.put("state", outcome != null ? outcome.state().name() : p.state().name());
        v.put("suspended", p.isSuspended());
        v.put("step_mode", p.isStepMode());
        v.put("checkpoint_mode", p.isCheckpointMode());
        v.put("current_line", p.currentLine());
        v.put("started", time(p.startedTime()));
        v.put("finished", time(p.finishedTime().orElse(null)));
        if (outcome == null) {
            v.putNull("exit_status");
            v.putNull("result");
            v.putNull("error");
        } else {
            v.put("exit_status", outcome.exitStatus());
            v.set("result", ApiValues.encode(outcome.result()));
            v.set("error", ApiValues.encode(outcome.error()));
        }
        if (p.parent().isPresent()) {
            v.put("parent", p.parent().get().pid());
        } else {
            v.putNull("parent");
        }
        ArrayNode children = v.putArray("children");
        p.children().forEach(c -> children.add(c.pid()));
        v.put("invoker", invoker(p).orElse(null));
        java.util.OptionalLong schedule = p.scheduleId();
        if (schedule.isPresent()) {
            v.put("schedule", schedule.getAsLong());
        } else {
            v.putNull("schedule");
        }
        return v;
    }

    /**
     * Returns the outcome of {@code p} once it has ended, else Java null. The engine sets the state
     * of an ending process just before it completes its outcome: a process seen ended is waited for
     * that moment, so that a view never shows an ended state without its exit status and result.
     */
    static ProcessOutcome outcome(JobflowProcess p) {
        if (!p.state().isFinished()) {
            return p.completion().getNow(null);
        }
        try {
            return p.completion().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
