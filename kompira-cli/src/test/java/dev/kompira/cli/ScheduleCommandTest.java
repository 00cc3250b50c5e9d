package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kompira schedule add|list|remove on a real Git store: each change a commit, refusals as user errors. */
class ScheduleCommandTest {

    @TempDir
    Path dir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void schedulesAreAddedListedAndRemovedAsCommits() throws Exception {
        Path repository = dir.resolve("repo");
        assertEquals(0, run("init", "--store", repository.toString()), err.toString());
        try (GitStore git = GitStore.open(repository, GitStoreOptions.defaults());
                Kompira engine = Kompira.builder().store(git).schedulesFire(false).build()) {
            engine.objects().createJobflow("/backup", "| target = 'all' |\nprint(target)");
        }
        String store = repository.toString();

        assertEquals(0, run("schedule", "add", "--store", store, "Nightly backup", "/backup", "--param", "'db'",
                "--day-of-week", "mon-fri", "--hour", "2", "--minute", "30"), err.toString());
        String id = out.toString().strip();
        try (Git git = Git.open(repository.toFile())) {
            assertEquals("add schedule Nightly backup", git.log().setMaxCount(1).call().iterator().next().getShortMessage());
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
        }
        assertTrue(Files.readString(repository.resolve("tree/system/schedules/Nightly_backup.json")).contains("\"hour\": \"2\""));

        assertEquals(0, run("schedule", "list", "--store", store), err.toString());
        String[] lines = out.toString().split("\\R");
        assertEquals("ID\tNAME\tJOB\tWHEN\tNEXT", lines[0]);
        assertTrue(lines[1].startsWith(id + "\tNightly backup\t/backup\t- - - - mon-fri 2 30\t"), lines[1]);
        assertTrue(lines[1].matches(".*\\t\\d{4}-\\d\\d-\\d\\d 02:30"), lines[1]);

        assertEquals(2, run("schedule", "add", "--store", store, "bad", "/backup", "--hour", "24"));
        assertEquals("kompira: /system/schedules/bad: hour: 24 is out of range 0-23", err.toString().strip());

        assertEquals(0, run("schedule", "remove", "--store", store, id), err.toString());
        assertEquals(2, run("schedule", "remove", "--store", store, id));
        assertEquals("kompira: no schedule with id " + id, err.toString().strip());
        assertEquals(0, run("schedule", "list", "--store", store), err.toString());
        assertEquals("ID\tNAME\tJOB\tWHEN\tNEXT", out.toString().strip());
    }
}
