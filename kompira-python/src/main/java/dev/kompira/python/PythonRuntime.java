package dev.kompira.python;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.library.LibraryBinding;
import dev.kompira.core.library.SourceLibraryRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs Kompira's Python libraries (Library objects whose {@code libraryType} is {@code source} or
 * empty) in CPython: a small pool of long-lived {@code python3} worker processes, started when first
 * needed, each loading library sources once and then answering calls over its pipes. Calls from
 * several processes at once run in parallel up to the pool's size and queue beyond it; a call that
 * runs past its {@code __timeout__}, or whose process is terminated, has its worker killed, and the
 * next call starts a new one. {@code safe_source} libraries are refused: CPython cannot be sandboxed.
 *
 * <p>Found by {@link java.util.ServiceLoader} when this module is on the class path (the engine then
 * uses the defaults: {@code KOMPIRA_PYTHON} or {@code python3} on the {@code PATH}, one worker per
 * core), or given to {@code Kompira.builder().sourceLibraries(...)}:
 *
 * <pre>{@code
 * Kompira kompira = Kompira.builder()
 *         .sourceLibraries(PythonRuntime.builder().interpreter(Path.of("/usr/bin/python3")).workers(4).build())
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} ends the worker processes and threads (the engine does it when it closes).
 */
public final class PythonRuntime implements SourceLibraryRuntime {

    private final Path interpreter;
    private final String missing;
    private final Duration loadTimeout;
    private final WorkerPool pool;

    /** A runtime with the defaults; the constructor {@link java.util.ServiceLoader} uses. */
    public PythonRuntime() {
        this(builder());
    }

    private PythonRuntime(Builder b) {
        Optional<Path> found = b.interpreter != null ? Optional.of(b.interpreter) : PythonInterpreter.find(b.environment);
        this.interpreter = found.orElse(null);
        this.missing = found.isPresent() ? null : PythonInterpreter.missing(b.environment);
        this.loadTimeout = b.loadTimeout;
        this.pool = interpreter == null ? null
                : new WorkerPool(List.of(interpreter.toString(), "-c", workerScript(), Integer.toString(b.outputLimit)), b.workers);
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    private static String workerScript() {
        try (InputStream in = PythonRuntime.class.getResourceAsStream("worker.py")) {
            return new String(Objects.requireNonNull(in, "worker.py is missing from the jar").readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read worker.py from the kompira-python jar", e);
        }
    }

    @Override
    public String description() {
        String version = pool == null ? null : pool.version();
        return version == null ? "CPython" : "CPython " + version;
    }

    /** CPython offers no sandbox that stops imports, files and the network: {@code safe_source} is refused. */
    @Override
    public boolean isSandboxed() {
        return false;
    }

    @Override
    public LibraryBinding load(String path, String source, boolean restricted) {
        if (restricted) {
            throw new IllegalArgumentException("a CPython runtime cannot run safe_source libraries (isSandboxed() is false)");
        }
        if (pool == null) {
            return LibraryBinding.failed(missing);
        }
        PythonLibrary library = new PythonLibrary(pool, path, source);
        CompletableFuture<JsonNode> loading = library.load();
        try {
            JsonNode reply = await(loading);
            return reply.path("ok").asBoolean() ? LibraryBinding.loaded(reply.path("doc").asText(), library.functions(reply))
                    : LibraryBinding.failed(reply.path("error").asText());
        } catch (TimeoutException slow) {
            loading.cancel(true);
            return LibraryBinding.failed("loading " + path + " took longer than " + loadTimeout.toSeconds()
                    + " s; its top-level code must not wait (put such work in a function)");
        } catch (ExecutionException failed) {
            return LibraryBinding.failed(failed.getCause().getMessage());
        } catch (CancellationException stopped) {
            return LibraryBinding.failed("loading " + path + " was stopped: the Python runtime is closing");
        } catch (InterruptedException interrupted) {
            loading.cancel(true);
            Thread.currentThread().interrupt();
            return LibraryBinding.failed("loading " + path + " was interrupted");
        }
    }

    /** Waits for a load as a managed blocker, so that a carrier thread waiting here is replaced meanwhile. */
    private JsonNode await(CompletableFuture<JsonNode> loading) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + loadTimeout.toNanos();
        ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() throws InterruptedException {
                try {
                    loading.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | TimeoutException | CancellationException done) {
                    // read below
                }
                return true;
            }

            @Override
            public boolean isReleasable() {
                return loading.isDone() || System.nanoTime() >= deadline;
            }
        });
        return loading.get(0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** Configures a {@link PythonRuntime}. Not thread-safe. */
    public static final class Builder {

        private Path interpreter;
        private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Duration loadTimeout = Duration.ofSeconds(30);
        private int outputLimit = 65_536;
        private Map<String, String> environment = System.getenv();

        private Builder() {
        }

        /** Looks for the interpreter in {@code variables} instead of the process environment (for tests). */
        Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /** Runs this interpreter instead of {@code KOMPIRA_PYTHON} or {@code python3} on the {@code PATH}. */
        public Builder interpreter(Path python) {
            this.interpreter = Objects.requireNonNull(python, "python");
            return this;
        }

        /** Sets how many worker processes may run at once (default: the number of cores, at least 2). */
        public Builder workers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a Python runtime needs at least one worker, got " + count);
            }
            this.workers = count;
            return this;
        }

        /** Sets how long loading a library's source (its top-level code) may take (default 30 s). */
        public Builder loadTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the load timeout must be positive, got " + timeout);
            }
            this.loadTimeout = timeout;
            return this;
        }

        /** Sets how many characters of what one call prints reach the console (default 65 536); the rest is counted. */
        public Builder outputLimit(int characters) {
            if (characters < 0) {
                throw new IllegalArgumentException("the output limit cannot be negative, got " + characters);
            }
            this.outputLimit = characters;
            return this;
        }

        /** Builds the runtime; no Python process starts before the first library is loaded. */
        public PythonRuntime build() {
            return new PythonRuntime(this);
        }
    }
}
