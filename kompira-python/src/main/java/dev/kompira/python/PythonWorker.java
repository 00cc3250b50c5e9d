package dev.kompira.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CPython worker process: started when first needed, it keeps the library sources it loaded
 * and answers one request at a time over its pipes, each message a 4-byte big-endian length and
 * UTF-8 JSON ({@code worker.py} is the other side). A worker that dies or is killed is started
 * afresh by the next request; what it had loaded is sent again.
 *
 * <p>Used by one pool thread at a time; {@link #cancel} and {@link #stop} may come from any thread.
 */
final class PythonWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PythonWorker.class);

    /** The workers' JSON mapper, made when the first one talks: an engine that calls no Python does not make it at start-up. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    /** The largest reply read; a bigger one is refused rather than exhausting memory. */
    static final int MAX_REPLY = 64 * 1024 * 1024;
    /** The library versions one worker keeps loaded; the least recently used beyond this are dropped. */
    private static final int LOADED_LIMIT = 256;
    private static final int STDERR_LINES = 20;

    private final Supplier<List<String>> command;
    private final Consumer<String> executableFound;
    private final String name;
    private final Map<String, Boolean> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private final List<String> forgotten = new ArrayList<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private volatile Process process;
    private DataOutputStream requests;
    private DataInputStream replies;
    private String version;
    private long call;
    private boolean inFlight;
    private boolean cancelled;

    /**
     * A worker that starts processes with {@code command}; {@code executableFound} learns the
     * interpreter's own path from the first process, so that later starts skip launchers such as
     * pyenv's shims.
     */
    PythonWorker(Supplier<List<String>> command, Consumer<String> executableFound,
            String name) {
        this.command = command;
        this.executableFound = executableFound;
        this.name = name;
    }

    /** Returns the Python version of the running (or last) process, or null before the first start. */
    synchronized String version() {
        return version;
    }

    /** Returns whether this worker has the library version {@code key} loaded. */
    boolean knows(String key) {
        return process != null && loaded.containsKey(key);
    }

    /** Notes that the library version {@code key} is loaded now; the least recently used beyond the limit are forgotten. */
    void loaded(String key) {
        loaded.put(key, Boolean.TRUE);
        if (loaded.size() > LOADED_LIMIT) {
            String eldest = loaded.keySet().iterator().next();
            loaded.remove(eldest);
            forgotten.add(eldest);
        }
    }

    /** Starts a call: returns its number, which {@link #cancel} names. End it with {@link #end}. */
    synchronized long begin() {
        inFlight = true;
        cancelled = false;
        return ++call;
    }

    /** Ends the call begun last. */
    synchronized void end() {
        inFlight = false;
    }

    /**
     * Sends {@code request} as part of the call begun last and returns the reply, starting the process
     * first when none runs.
     *
     * @throws IOException when the process cannot be started, dies, sends something unreadable, or the
     *                     call was cancelled
     */
    JsonNode exchange(ObjectNode request) throws IOException {
        if (process == null || !process.isAlive()) {
            start();
        }
        for (String key : forgotten) {
            send(Json.MAPPER.createObjectNode().put("op", "forget").put("key", key).put("path", ""));
            receive();
        }
        forgotten.clear();
        synchronized (this) {
            if (cancelled) {
                throw new IOException("the call was cancelled");
            }
        }
        send(request);
        return receive();
    }

    private void start() throws IOException {
        discard();
        ProcessBuilder builder = new ProcessBuilder(command.get());
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process started = builder.start();
        synchronized (this) {
            process = started;
        }
        requests = new DataOutputStream(started.getOutputStream());
        replies = new DataInputStream(started.getInputStream());
        drainErrors(started);
        JsonNode hello = receive();
        synchronized (this) {
            version = hello.path("python").asText();
        }
        executableFound.accept(hello.path("executable").asText(""));
        LOG.debug("{}: started Python {} (pid {})", name, version, started.pid());
    }

    /** Logs what the worker writes to its standard error, keeping the last lines for failure messages. */
    private void drainErrors(Process started) {
        Thread drain = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    LOG.info("{}: {}", name, line);
                    synchronized (this) {
                        stderrTail.addLast(line);
                        if (stderrTail.size() > STDERR_LINES) {
                            stderrTail.removeFirst();
                        }
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        }, name + "-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    private void send(ObjectNode request) throws IOException {
        byte[] body = Json.MAPPER.writeValueAsBytes(request);
        requests.writeInt(body.length);
        requests.write(body);
        requests.flush();
    }

    private JsonNode receive() throws IOException {
        int length = replies.readInt();
        if (length < 0 || length > MAX_REPLY) {
            throw new IOException("a reply of " + Integer.toUnsignedString(length) + " bytes is larger than the limit of "
                    + MAX_REPLY + " bytes");
        }
        byte[] body = new byte[length];
        replies.readFully(body);
        return Json.MAPPER.readTree(body);
    }

    /**
     * Kills the process when call {@code ticket} is still in flight: the call is cancelled (timeout,
     * terminated process), and only killing stops Python code that runs on.
     */
    synchronized void cancel(long ticket) {
        if (inFlight && call == ticket) {
            cancelled = true;
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }

    /** Says why the exchange failed with {@code e}: the process ended, how, and what it last wrote. */
    String failure(IOException e) {
        Process p;
        List<String> tail;
        synchronized (this) {
            p = process;
            tail = List.copyOf(stderrTail);
        }
        if (p == null) {
            return "cannot start the Python worker (" + command.get().get(0) + "): " + e.getMessage();
        }
        boolean ended = waitFor(p);
        if (!(e instanceof EOFException) && !ended) {
            return "the Python worker failed: " + e.getMessage();
        }
        String status = ended ? " (exit status " + p.exitValue() + ")" : "";
        String last = tail.isEmpty() ? "" : ": " + tail.get(tail.size() - 1);
        return "the Python worker ended during the call" + status + last + "; the next call starts a new one";
    }

    private static boolean waitFor(Process p) {
        try {
            return p.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Drops the process (after a failure), so that the next request starts a new one. */
    void discard() {
        Process p;
        synchronized (this) {
            p = process;
            process = null;
            stderrTail.clear();
        }
        loaded.clear();
        forgotten.clear();
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** Ends the process: closing its input ends the worker's loop; one that does not end in time is killed. */
    void stop() {
        Process p;
        synchronized (this) {
            p = process;
            process = null;
        }
        if (p == null) {
            return;
        }
        try {
            p.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // it ended by itself
        }
        if (!waitFor(p)) {
            p.destroyForcibly();
        }
    }
}
