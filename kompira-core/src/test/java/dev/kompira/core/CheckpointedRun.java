package dev.kompira.core;

import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.StartOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The program {@link CheckpointCrashTest} runs in a child JVM: on an engine whose checkpoint store
 * is empty it starts the flow in checkpoint mode; on a store that holds a saved process the engine
 * resumes it. Either way it streams the console to standard output and, when every process has
 * ended, writes the root process's whole console to the result file.
 */
public final class CheckpointedRun {

    private CheckpointedRun() {
    }

    /**
     * Entry point.
     *
     * @param args the checkpoint folder, the flow file, the log file parameter, the result file
     */
    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        try (Kompira kompira = Kompira.builder().checkpoints(new DirectoryCheckpointStore(store)).console((pid, text) -> {
            System.out.print(text);
            System.out.flush();
        }).build()) {
            List<JobflowProcess> resumed = kompira.processes(ProcessQuery.all());
            JobflowProcess process = resumed.isEmpty()
                    ? kompira.start(kompira.compile(Path.of(args[1])), Map.of("log", kompira.parameterValue("log", "'" + args[2] + "'")),
                            StartOptions.DEFAULT.withCheckpointMode(true))
                    : resumed.get(0);
            process.await();
            Files.writeString(Path.of(args[3]), process.console(), StandardCharsets.UTF_8);
        }
    }
}
