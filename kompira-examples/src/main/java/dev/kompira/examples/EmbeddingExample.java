package dev.kompira.examples;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.CompiledFlow;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.StringValue;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Embeds the engine in a Java program: compiles a jobflow, starts it with a parameter, streams its
 * console as it is produced and reads the outcome. Run it with
 * {@code java -cp ... dev.kompira.examples.EmbeddingExample [name]}.
 */
public final class EmbeddingExample {

    /** The jobflow this example runs: a parameter, a local command and a branch on its status. */
    static final String FLOW = String.join("\n",
            "| name = 'world' |",
            "['echo hello $name'] =>",
            "{ if $STATUS == 0 | then: print('command said: $RESULT') else: print('failed: $ERROR') } ->",
            "return(length($RESULT))");

    private EmbeddingExample() {
    }

    /** Runs the flow and prints its console and outcome to {@code out}; returns the outcome. */
    public static ProcessOutcome run(String name, PrintStream out) throws FlowCompileException, InterruptedException {
        try (Kompira kompira = Kompira.builder().console((pid, text) -> out.print(text)).build()) {
            CompiledFlow flow = kompira.compile("greeting.kjf", FLOW);
            JobflowProcess process = kompira.start(flow, Map.of("name", StringValue.of(name)));
            ProcessOutcome outcome = process.await();
            out.println("process " + process.pid() + " ended " + outcome.state() + " with exit status "
                    + outcome.exitStatus() + " and result " + outcome.result());
            return outcome;
        }
    }

    /**
     * Entry point.
     *
     * @param args an optional name to greet
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ProcessOutcome outcome = run(args.length > 0 ? args[0] : "world", out);
        if (!outcome.isDone()) {
            throw new IllegalStateException("the example flow ended " + outcome.state());
        }
    }
}
