package dev.kompira.cli;

import dev.kompira.core.process.StepHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The step handler of {@code kompira run} (language.md §12.6, D101): each pending step is shown on
 * standard error and decided by one line of standard input — empty or {@code r} runs it, {@code s}
 * skips it, {@code a} aborts the process; end of input aborts it and every later step. The engine
 * must not block in a step handler, so a daemon thread, started at the first step, reads the
 * answers and completes the decisions in the order the steps arrived.
 */
final class StepPrompt implements StepHandler, AutoCloseable {

    private record Question(PendingStep step, CompletableFuture<StepDecision> decision) {
    }

    private static final String END_OF_INPUT = "(end of input: abort)";

    private final BlockingQueue<Question> questions = new LinkedBlockingQueue<>();
    private final InputStream input;
    private final boolean echo;
    private final PrintWriter err;
    private final ProgressLine screen;
    private Thread reader;

    /**
     * Reads answers from {@code input} and writes prompts to {@code err} through {@code screen};
     * {@code echo} repeats each answer after its prompt, for input that no terminal echoes (a pipe).
     */
    StepPrompt(InputStream input, boolean echo, PrintWriter err, ProgressLine screen) {
        this.input = input;
        this.echo = echo;
        this.err = err;
        this.screen = screen;
    }

    @Override
    public CompletionStage<StepDecision> decide(PendingStep step) {
        CompletableFuture<StepDecision> decision = new CompletableFuture<>();
        questions.add(new Question(step, decision));
        startReader();
        return decision;
    }

    private synchronized void startReader() {
        if (reader == null) {
            reader = new Thread(this::answer, "kompira-step-prompt");
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void answer() {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, Charset.defaultCharset()));
        boolean ended = false;
        try {
            while (true) {
                Question q = questions.take();
                StepDecision decision = ended ? null : ask(in, q.step());
                if (decision == null) {
                    if (ended) {
                        // Still shown, so that the transcript says why each later step aborted.
                        screen.printing(() -> {
                            err.println(prompt(q.step()) + END_OF_INPUT);
                            err.flush();
                        });
                    }
                    ended = true;
                    decision = StepDecision.ABORT;
                }
                q.decision().complete(decision);
            }
        } catch (InterruptedException e) {
            // close(): the run is over and no step is left to decide.
        }
    }

    /** Asks until a valid answer comes; returns null at the end of input (or when it cannot be read). */
    private StepDecision ask(BufferedReader in, PendingStep step) {
        while (true) {
            screen.prompt(prompt(step));
            String line = readLine(in);
            screen.release();
            if (line == null) {
                err.println(END_OF_INPUT);
                err.flush();
                return null;
            }
            if (echo) {
                err.println(line);
            }
            StepDecision decision = decision(line);
            if (decision != null) {
                err.flush();
                return decision;
            }
            err.println("kompira: '" + line.strip() + "' is not an answer: r (or nothing) runs, s skips, a aborts");
            err.flush();
        }
    }

    /** Reads an answer; input that cannot be read counts as its end, so that no step waits forever. */
    private String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            err.println();
            err.println("kompira: cannot read the answer: " + e.getMessage());
            return null;
        }
    }

    private static String prompt(PendingStep step) {
        return "step: process " + step.pid() + ", line " + step.line() + ": " + step.action()
                + " \u2014 run, skip or abort? [R/s/a] ";
    }

    /** Returns the decision an answer stands for, or null when it stands for none. */
    static StepDecision decision(String answer) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.equals("r") || a.equals("run")) {
            return StepDecision.RUN;
        }
        if (a.equals("s") || a.equals("skip")) {
            return StepDecision.SKIP;
        }
        if (a.equals("a") || a.equals("abort")) {
            return StepDecision.ABORT;
        }
        return null;
    }

    /** Stops the reader thread when it waits for a step; one blocked reading a terminal just stays, being a daemon. */
    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.interrupt();
        }
    }
}
