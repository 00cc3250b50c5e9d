package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged {@code kompira.jar} as a separate process, as {@code bin/kompira} does (LauncherIT),
 * so a broken manifest or a missing dependency in the jar fails the build.
 */
class KompiraJarIT {

    private static final Path JAR = Paths.get("target", "kompira.jar");

    private static Result run(String... args) throws IOException, InterruptedException {
        return runWithInput("", args);
    }

    /** Runs the jar with {@code input} piped to its standard input. */
    private static Result runWithInput(String input, String... args) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kompira did not finish");
        return new Result(process.exitValue(), output);
    }

    private record Result(int status, String output) {
    }

    @Test
    void localCommandsStartThroughPosixSpawn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // The command keeps JNA from asking ldconfig for the library folders (J271); the C library must still
        // load through JNA, or commands would silently start the other way, through the JDK, which leaves
        // SIGQUIT blocked.
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "posix_spawn is used on Linux only");
        Path flow = dir.resolve("mask.kjf");
        Files.writeString(flow, "['exec grep ^SigBlk /proc/self/status'] -> print($RESULT)\n");

        Result result = run("run", flow.toString());

        assertEquals(new Result(0, "SigBlk:\t0000000000000000\n"), result);
    }

    @Test
    void checksTheExampleFlows() throws Exception {
        Result result = run("check", "../kompira-examples/flows");
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().matches("(?s).*\\d+ jobflows checked: no errors\\n"), result.output());
    }

    @Test
    void exampleFlowsAreCanonical() throws Exception {
        Result result = run("fmt", "--check", "../kompira-examples/flows");
        assertEquals(0, result.status(), result.output());
    }

    @Test
    void runRejectsABadParameterBeforeRunning() throws Exception {
        Result result = run("run", "../kompira-examples/flows/hello.kjf", "--param", "target=exit(4)");
        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().startsWith("kompira: --param target:"), result.output());
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String command : List.of("run", "ps", "check", "fmt")) {
            Result result = run(command, "--help");
            assertEquals(0, result.status(), result.output());
            assertTrue(result.output().startsWith("Usage: kompira " + command), result.output());
        }
    }

    @Test
    void runHelpDescribesStepAndCheckpoints() throws Exception {
        Result run = run("run", "--help");
        String help = run.output().replaceAll("\\s+", " ");
        assertTrue(help.contains("--step") && help.contains("--checkpoints=DIR") && help.contains("--import=EXPORT "), help);
        assertTrue(help.contains("FILE (which may then be left out) is not started again"), help);
        assertTrue(help.startsWith("Usage: kompira run ") && help.contains("[FILE] Runs a jobflow file"), "FILE is optional: " + help);
        Result ps = run("ps", "--help");
        assertTrue(ps.output().contains("Git store"), ps.output());
    }

    @Test
    void runStepReadsAnswersFromAPipe() throws Exception {
        Path flow = Files.createTempFile("step", ".kjf");
        try {
            Files.writeString(flow, "['echo one'] -> print([$RESULT]) -> ['echo two'] -> print([$RESULT])\n");
            Result result = runWithInput("r\ns\n", "run", "--step", flow.toString());
            assertEquals(0, result.status(), result.output());
            assertTrue(result.output().contains("echo one \u2014 run, skip or abort? [R/s/a] r\n"), result.output());
            assertTrue(result.output().contains("echo two \u2014 run, skip or abort? [R/s/a] s\n"), result.output());
            assertTrue(result.output().contains("['one']\n") && result.output().contains("['']\n"), result.output());
            assertFalse(result.output().contains("\u001b"), "no progress line when the output is not a terminal");
        } finally {
            Files.delete(flow);
        }
    }

    @Test
    void sigtermTerminatesTheFlowAndKillsItsCommand() throws Exception {
        Path flow = Files.createTempFile("long", ".kjf");
        Path marker = Files.createTempFile("child", ".pid");
        try {
            Files.writeString(flow, "['echo $$$$ > " + marker + "; exec sleep 60'] -> print('not reached')\n");
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-jar", JAR.toString(), "run", flow.toString())
                    .redirectErrorStream(true).start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (Files.size(marker) == 0) {
                assertTrue(System.nanoTime() < deadline, "the command did not start");
                Thread.sleep(20);
            }
            long command = Long.parseLong(Files.readString(marker).trim());
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            java.util.Optional<ProcessHandle> left = ProcessHandle.of(command);
            assertTrue(left.isEmpty() || !left.get().isAlive() || waitGone(left.get()), "the command survived the CLI");
        } finally {
            Files.deleteIfExists(flow);
            Files.deleteIfExists(marker);
        }
    }

    private static boolean waitGone(ProcessHandle p) throws InterruptedException {
        for (int i = 0; i < 100 && p.isAlive(); i++) {
            Thread.sleep(20);
        }
        return !p.isAlive();
    }
}
