package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.library.LibraryBinding;
import dev.kompira.core.library.LibraryCall;
import dev.kompira.core.library.LibraryFunction;
import dev.kompira.core.library.LibraryProvider;
import dev.kompira.core.library.SourceLibraryRuntime;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Library objects (objects.md §4.6): Java providers, source runtimes, and how calls fail, time out and end. */
class LibraryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A provider with a normalising function and one that throws. */
    static final class TextLibrary implements LibraryProvider {
        @Override
        public String id() {
            return "test.text";
        }

        @Override
        public String description() {
            return "text utilities";
        }

        @Override
        public Map<String, LibraryFunction> functions() {
            return Map.of(
                    "normalize", args -> StringValue.of(((StringValue) args.positional().get(0)).value().strip().toLowerCase()),
                    "error", args -> {
                        throw new IllegalStateException("the library refused");
                    });
        }
    }

    /**
     * A source runtime whose functions answer later, from another thread, as a runtime running another
     * process does: {@code echo} answers after 20 ms and prints, {@code never} never answers. It
     * records the calls that were cancelled. Sources containing {@code broken} do not load.
     */
    static final class DelayedRuntime implements SourceLibraryRuntime {
        final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
        final List<String> cancelled = new CopyOnWriteArrayList<>();
        final boolean sandboxed;

        DelayedRuntime(boolean sandboxed) {
            this.sandboxed = sandboxed;
        }

        @Override
        public String description() {
            return "the delayed test runtime";
        }

        @Override
        public boolean isSandboxed() {
            return sandboxed;
        }

        @Override
        public LibraryBinding load(String path, String source, boolean restricted) {
            if (source.contains("broken")) {
                return LibraryBinding.failed("SyntaxError: invalid syntax (" + path + ", line 2)");
            }
            return LibraryBinding.loaded("functions: echo, never", Map.of("echo", new Echo(), "never", new Never()));
        }

        @Override
        public void close() {
            answers.shutdownNow();
        }

        private final class Echo implements LibraryFunction {
            @Override
            public Value call(dev.kompira.core.value.Arguments arguments) {
                throw new UnsupportedOperationException("only started");
            }

            @Override
            public CompletableFuture<Value> start(LibraryCall call) {
                CompletableFuture<Value> result = new CompletableFuture<>();
                answers.schedule(() -> {
                    call.console().accept("echoing " + Rendering.text(call.arguments().positional().get(0)) + "\n");
                    result.complete(call.arguments().positional().get(0));
                }, 20, TimeUnit.MILLISECONDS);
                return result;
            }
        }

        private final class Never implements LibraryFunction {
            @Override
            public Value call(dev.kompira.core.value.Arguments arguments) {
                throw new UnsupportedOperationException("only started");
            }

            @Override
            public CompletableFuture<Value> start(LibraryCall call) {
                CompletableFuture<Value> result = new CompletableFuture<>();
                result.whenComplete((v, e) -> {
                    if (result.isCancelled()) {
                        cancelled.add(call.library() + "." + call.function());
                    }
                });
                return result;
            }
        }
    }

    private final StringBuffer console = new StringBuffer();
    private Kompira kompira;

    @AfterEach
    void close() {
        if (kompira != null) {
            kompira.close();
        }
    }

    private ProcessOutcome run(Kompira.Builder builder, String... lines) throws Exception {
        kompira = builder.console((pid, t) -> console.append(t)).build();
        return kompira.start(kompira.compile("lib.kjf", String.join("\n", lines)), Map.of()).await(WAIT);
    }

    @Test
    void providerFunctionsAreCallableInExpressionsAndAsJobsAndTheirExceptionsFailTheJob() throws Exception {
        ProcessOutcome outcome = run(Kompira.builder().library(new TextLibrary()),
                "[lib = ./.add('textutil', /system/types/Library, {libraryType = 'module', modulePath = 'test.text'})] ->",
                "print(./textutil.normalize('  Web01 ')) ->",
                "[./textutil.normalize: ' DB '] -> print([$RESULT], $STATUS) ->",
                "[./textutil.error] => print($STATUS, $ERROR) ->",
                "[x = lib.error()] => print('in an expression:', $STATUS, $ERROR) ->",
                "[lib.missing] => print($STATUS, $ERROR) ->",
                "print(lib.executable, lib.document)");
        assertTrue(outcome.isDone(), console.toString());
        assertEquals("web01\n['db'] 0\n1 the library refused\nin an expression: 1 the library refused\n"
                + "1 library /textutil has no function 'missing'\ntrue text utilities\n", console.toString());
    }

    @Test
    void executableAndDocumentFollowTheLibrarysCode() throws Exception {
        ProcessOutcome outcome = run(Kompira.builder().library(new TextLibrary()),
                "[lib = ./.add('l', /system/types/Library, {libraryType = 'module', modulePath = 'nope'})] ->",
                "print(lib.executable, lib.document) ->",
                "['test.text' >> lib.modulePath] -> print(lib.executable, lib.document) ->",
                "['source' >> lib.libraryType] -> ['def f(): return 1' >> lib.sourceText] -> print(lib.executable, lib.document) ->",
                "[lib.f] => print($STATUS, $ERROR) ->",
                "['safe_source' >> lib.libraryType] -> print(lib.executable)");
        assertTrue(outcome.isDone(), console.toString());
        String noRuntime = "Python source libraries need the kompira-python plug-in: put dev.kompira:kompira-python on the"
                + " class path (the kompira command has it) and python3 on the PATH";
        assertEquals("false no library provider with id 'nope' is registered on this engine (register one with"
                + " Kompira.builder().library(...) or through ServiceLoader)\n"
                + "true text utilities\n"
                + "false " + noRuntime + "\n"
                + "1 " + noRuntime + "\n"
                + "false\n", console.toString());
    }

    @Test
    void aSourceLibraryThatDoesNotLoadFailsItsCallsWithTheLoadError() throws Exception {
        ProcessOutcome outcome = run(Kompira.builder().sourceLibraries(new DelayedRuntime(false)),
                "[lib = ./.add('l', /system/types/Library, {sourceText = 'def f(:\\n  broken'})] ->",
                "print(lib.executable, lib.document) ->",
                "[./l.echo: 1] => print($STATUS, $ERROR) ->",
                "['fixed' >> lib.sourceText] -> [./l.echo: 2] -> print($RESULT, lib.executable)");
        assertTrue(outcome.isDone(), console.toString());
        assertEquals("false SyntaxError: invalid syntax (/l, line 2)\n1 SyntaxError: invalid syntax (/l, line 2)\n"
                + "echoing 2\n2 true\n", console.toString());
    }

    @Test
    void safeSourceIsRefusedUnlessTheRuntimeCanSandboxIt() throws Exception {
        run(Kompira.builder().sourceLibraries(new DelayedRuntime(false)),
                "[lib = ./.add('l', /system/types/Library, {libraryType = 'safe_source', sourceText = 'x'})] ->",
                "print(lib.executable, lib.document)");
        kompira.close();
        run(Kompira.builder().sourceLibraries(new DelayedRuntime(true)),
                "[lib = ./.add('l', /system/types/Library, {libraryType = 'safe_source', sourceText = 'x'})] ->",
                "print(lib.executable, lib.document)");
        assertEquals("false safe_source libraries need a restricted Python interpreter, and the delayed test runtime cannot"
                + " enforce one; set libraryType to 'source' to run this code unrestricted if you trust it\n"
                + "true functions: echo, never\n", console.toString());
    }

    @Test
    void callsThatAnswerLaterParkAsJobsAndWaitInExpressionsAndTheirOutputReachesTheConsole() throws Exception {
        ProcessOutcome outcome = run(Kompira.builder().sourceLibraries(new DelayedRuntime(false)),
                "[lib = ./.add('l', /system/types/Library, {libraryType = '', sourceText = 'x'})] ->",
                "[./l.echo: 'job'] -> print($RESULT) ->",
                "print(lib.echo('expression')) ->",
                "{ pfor i in 3 | [lib.echo: i] } -> print('pfor done')");
        assertTrue(outcome.isDone(), console.toString());
        String text = console.toString();
        assertTrue(text.startsWith("echoing job\njob\necho"), text);
        assertTrue(text.contains("echoing expression\nexpression\n"), text);
        assertTrue(text.endsWith("pfor done\n"), text);
    }

    @Test
    void aCallThatRunsPastItsTimeoutIsCancelledAndFailsTheJob() throws Exception {
        DelayedRuntime runtime = new DelayedRuntime(false);
        ProcessOutcome outcome = run(Kompira.builder().sourceLibraries(runtime),
                "[lib = ./.add('l', /system/types/Library, {sourceText = 'x'})] ->",
                "[__timeout__ = 0.2] ->",
                "[lib.never] => print($STATUS, $ERROR) ->",
                "[x = lib.never()] => print('in an expression:', $STATUS, $ERROR)");
        assertTrue(outcome.isDone(), console.toString());
        assertEquals("1 library function /l.never timed out after 0.2 seconds\n"
                + "in an expression: 1 library function /l.never timed out after 0.2 seconds\n", console.toString());
        assertEquals(List.of("/l.never", "/l.never"), runtime.cancelled);
    }

    @Test
    void terminatingAProcessCancelsTheCallItWaitsFor() throws Exception {
        DelayedRuntime runtime = new DelayedRuntime(false);
        kompira = Kompira.builder().sourceLibraries(runtime).console((pid, t) -> console.append(t)).build();
        kompira.start(kompira.compile("setup.kjf", "[./.add: 'l', /system/types/Library, {sourceText = 'x'}]"), Map.of())
                .await(WAIT);
        for (String flow : List.of("[./l.never]", "print(./l.never())")) {
            JobflowProcess p = kompira.start(kompira.compile("stuck.kjf", flow), Map.of());
            // parked on the job, or blocked in the expression
            waitUntil(() -> p.state() == ProcessState.WAITING || p.state() == ProcessState.RUNNING);
            Thread.sleep(100);
            p.terminate();
            ProcessOutcome outcome = p.await(WAIT);
            assertFalse(outcome.isDone());
            assertEquals(IntegerValue.ONE, IntegerValue.of(outcome.exitStatus()));
        }
        assertEquals(List.of("/l.never", "/l.never"), runtime.cancelled);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
