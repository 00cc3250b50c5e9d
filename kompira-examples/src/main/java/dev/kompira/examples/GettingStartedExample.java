package dev.kompira.examples;

import static dev.kompira.dsl.builder.Exprs.str;
import static dev.kompira.dsl.builder.Flows.flow;
import static dev.kompira.dsl.builder.Flows.print;
import static dev.kompira.dsl.builder.Flows.program;
import static dev.kompira.dsl.builder.Flows.returnJob;
import static dev.kompira.dsl.builder.Flows.sleep;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.object.ObjectManager;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.value.Values;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.format.Formatter;
import dev.kompira.store.git.GitHistory;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The program of docs/getting-started.md, written only with what that page shows: build a flow in
 * Java, print its source, run it, keep it in a Git store by path, run it from there, read the
 * store's history, and suspend, resume and terminate processes. Run it with
 * {@code java -cp ... dev.kompira.examples.GettingStartedExample [FOLDER]}.
 */
public final class GettingStartedExample {

    private GettingStartedExample() {
    }

    /** Runs the example with its Git repository in {@code repository}, printing to {@code out}. */
    public static void run(Path repository, PrintStream out) throws FlowCompileException, InterruptedException {
        // 1. a flow built in Java, and its source
        Program greet = program()
                .parameter("who", str("world"))
                .body(flow(print(str("hello $who")))
                        .then(sleep(0.2))
                        .then(returnJob(str("greeted $who"))))
                .build();
        String source = Formatter.format(greet);
        out.print(source);

        try (GitStore store = GitStore.open(repository, GitStoreOptions.defaults());
                Kompira kompira = Kompira.builder().store(store).console((pid, text) -> out.print(text)).build()) {
            // 2. run it
            CompiledFlow flow = kompira.compile("greet", greet);
            ProcessOutcome outcome = kompira.start(flow, Map.of("who", Values.of("web03"))).await();
            out.println(outcome.state() + " " + outcome.result());

            // 3. keep it in the store, by path (a source that does not compile would be refused)
            ObjectManager objects = kompira.objects();
            objects.createDirectories("/user/demo");
            objects.createJobflow("/user/demo/greet", source);

            // 4. run it from the store
            JobflowProcess fromStore = kompira.start("/user/demo/greet", Map.of("who", Values.of("ops")), StartOptions.DEFAULT);
            out.println(fromStore.await().result());

            // 5. the store's history: one commit per change
            for (GitHistory.Commit commit : store.history().log("/user/demo", 10)) {
                out.println("commit: " + commit.subject());
            }

            // 6. suspend and resume a process, terminate another
            JobflowProcess paused = kompira.start("/user/demo/greet", Map.of("who", Values.of("paused")), StartOptions.DEFAULT);
            waitFor(paused, ProcessState.WAITING);              // in its sleep
            paused.suspend();                                   // it stops at its next job boundary
            waitFor(paused, ProcessState.SUSPENDED);
            out.println(paused.state());                        // SUSPENDED
            paused.resume();
            out.println(paused.await().result());               // greeted paused

            JobflowProcess stopped = kompira.start("/user/demo/greet", Map.of("who", Values.of("stopped")), StartOptions.DEFAULT);
            waitFor(stopped, ProcessState.WAITING);             // in its sleep
            stopped.terminate();
            ProcessOutcome ended = stopped.await();
            out.println(ended.state() + " " + ended.failure().kind() + " at " + ended.failure().location());
        }
    }

    /** Waits until {@code process} is in {@code state}; the API has no wait for states other than the end. */
    private static void waitFor(JobflowProcess process, ProcessState state) throws InterruptedException {
        while (process.state() != state) {
            Thread.sleep(5);
        }
    }

    /**
     * Entry point.
     *
     * @param args the folder for the Git repository (a new temporary one when none is given)
     */
    public static void main(String[] args) throws Exception {
        Path repository = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("kompira-getting-started");
        run(repository, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }
}
