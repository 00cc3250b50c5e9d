package dev.kompira.store.git;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.DirectoryCheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.value.Values;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The program {@link CrashMatrixTest} runs in a child JVM: an engine on a Git store with the store's
 * own checkpoint folder. When the folder holds no saved process it starts the Jobflow object named on
 * the command line in checkpoint mode; otherwise the engine resumes what was saved. It streams every
 * process's console to standard output as it is produced and, when every process has ended, writes
 * the root process's console and outcome to the result file.
 */
public final class CrashRun {

    private CrashRun() {
    }

    /**
     * Entry point.
     *
     * @param args the repository, the Jobflow object's path, the work folder (the flow's {@code work}
     *             parameter), the result file
     */
    public static void main(String[] args) throws Exception {
        try (GitStore store = GitStore.open(Path.of(args[0]), GitStoreOptions.defaults());
                Kompira kompira = Kompira.builder().store(store).checkpoints(new DirectoryCheckpointStore(store.checkpointFolder()))
                        .console((pid, text) -> {
                            System.out.print(text);
                            System.out.flush();
                        }).build()) {
            List<JobflowProcess> resumed = kompira.processes(ProcessQuery.all());
            JobflowProcess root = resumed.isEmpty()
                    ? kompira.start(args[1], Map.of("work", Values.of(args[2])), StartOptions.DEFAULT.withCheckpointMode(true))
                    : resumed.stream().filter(p -> p.parent().isEmpty()).findFirst().orElseThrow();
            var outcome = root.await();
            for (JobflowProcess p : kompira.processes(ProcessQuery.all())) {
                p.await();
            }
            Files.writeString(Path.of(args[3]), root.console() + "-- " + outcome.state() + " " + outcome.exitStatus() + " "
                    + outcome.result() + "\n", StandardCharsets.UTF_8);
        }
    }
}
