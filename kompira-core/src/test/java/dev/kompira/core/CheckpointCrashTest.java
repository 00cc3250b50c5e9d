package dev.kompira.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.StartOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint mode for real (language.md §12.7, D102): a child JVM runs a flow in checkpoint mode and
 * is killed with SIGKILL in the middle; a new JVM on the same store resumes the process, which ends
 * with the console of an uninterrupted run, and no command that had completed ran twice.
 */
class CheckpointCrashTest {

    private static final String FLOW = String.join("\n",
            "| log |",
            "[seen = []] ->",
            "{ for i in 5 |",
            "    ['echo step $i >> $log'] ->",
            "    [seen.add_item: i] ->",
            "    print('step', i, seen) ->",
            "    ['sleep 0.3']",
            "} ->",
            "print('done', length(seen))");

    @TempDir
    Path dir;

    @Test
    void aProcessKilledWithSigkillResumesInANewJvmFromItsLastCheckpoint() throws Exception {
        Path flow = Files.writeString(dir.resolve("steps.kjf"), FLOW);
        String uninterrupted = uninterruptedConsole(flow);

        Path store = dir.resolve("checkpoints");
        Path log = dir.resolve("steps.log");
        Path result = dir.resolve("console.txt");
        Process first = childJvm(store, flow, log, result);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
                assertTrue(line != null, "the first JVM ended before step 2");
            } while (!line.startsWith("step 2"));
        }
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(store.resolve("process-1.json")), "no checkpoint was left by the killed JVM");

        Process second = childJvm(store, flow, log, result);
        second.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, second.exitValue());

        assertEquals(uninterrupted, Files.readString(result, StandardCharsets.UTF_8));
        assertEquals(List.of("step 0", "step 1", "step 2", "step 3", "step 4"), Files.readAllLines(log));
        try (var left = Files.list(store)) {
            assertEquals(0, left.count(), "the checkpoint of the finished process was not removed");
        }
    }

    private String uninterruptedConsole(Path flow) throws Exception {
        Path log = dir.resolve("uninterrupted.log");
        try (Kompira k = Kompira.builder().checkpoints(new DirectoryCheckpointStore(dir.resolve("uninterrupted"))).build()) {
            JobflowProcess p = k.start(k.compile(flow), Map.of("log", k.parameterValue("log", "'" + log + "'")),
                    StartOptions.DEFAULT.withCheckpointMode(true));
            assertTrue(p.await(Duration.ofSeconds(60)).isDone());
            return p.console();
        }
    }

    private static Process childJvm(Path store, Path flow, Path log, Path result) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CheckpointedRun.class.getName(),
                store.toString(), flow.toString(), log.toString(), result.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
