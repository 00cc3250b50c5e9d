package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.schedule.Schedule;
import dev.kompira.core.schedule.ScheduleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules are objects under {@code /system/schedules}: the Git store writes each as a file a reviewer reads (J230). */
class GitScheduleTest {

    @TempDir
    Path dir;

    private static Kompira engine(GitStore store) {
        return Kompira.builder().store(store).carrierThreads(1).schedulesFire(false).build();
    }

    @Test
    void aScheduleIsAReviewableFileAndComesBackWhenTheStoreOpensAgain() throws Exception {
        long id;
        try (GitStore store = GitStore.open(dir, GitStoreOptions.defaults()); Kompira kompira = engine(store)) {
            kompira.objects().batch("flows", b -> b.createJobflow("/user/app/backup", "| target = 'all' |\nprint(target)\n"));
            Schedule s = kompira.schedules().add("Nightly backup", "/user/app/backup", List.of("'db'"),
                    new ScheduleFields(null, null, null, null, "mon-fri", "2", "30"), false);
            id = s.id();
            try (Git git = Git.open(dir.toFile())) {
                assertEquals("add schedule Nightly backup", git.log().setMaxCount(1).call().iterator().next().getShortMessage());
            }
        }
        try (Git git = Git.open(dir.toFile())) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
        }
        String file = Files.readString(dir.resolve("tree/system/schedules/Nightly_backup.json"));
        assertTrue(file.contains("\"type\": \"/system/types/Schedule\""), file);
        assertTrue(file.contains("\"display_name\": \"Nightly backup\""), file);
        assertTrue(file.contains("""
                    "job": {
                      "$ref": "/user/app/backup"
                    },
                    "parameters": [
                      "'db'"
                    ],
                    "day_of_week": "mon-fri",
                    "hour": "2",
                    "minute": "30",
                    "disabled": false
                """), file);

        Path file2 = dir.resolve("tree/system/schedules/Nightly_backup.json");
        Files.writeString(file2, file.replace("\"hour\": \"2\"", "\"hour\": \"24\""));
        try (GitStore store = GitStore.open(dir, GitStoreOptions.defaults())) {
            assertEquals(List.of(), StoreCheck.run(store, java.time.ZoneOffset.UTC).problems(), "the committed revision is valid");
        }
        try (Git git = Git.open(dir.toFile())) {
            git.commit().setAll(true).setMessage("by hand").call();
        }
        try (GitStore store = GitStore.open(dir, GitStoreOptions.defaults())) {
            assertEquals(List.of("tree/system/schedules/Nightly_backup.json: error: hour: 24 is out of range 0-23"),
                    StoreCheck.run(store, java.time.ZoneOffset.UTC).problems(), "kompira check stops a schedule edited wrong");
        }
        try (Git git = Git.open(dir.toFile())) {
            Files.writeString(file2, file);
            git.commit().setAll(true).setMessage("fixed").call();
        }
        try (GitStore store = GitStore.open(dir, GitStoreOptions.defaults()); Kompira kompira = engine(store)) {
            Schedule back = kompira.schedules().get(id).orElseThrow();
            assertEquals("Nightly backup", back.name());
            assertEquals(List.of("'db'"), back.parameters());
            assertEquals(new ScheduleFields(null, null, null, null, "mon-fri", "2", "30"), back.fields());
            assertEquals(kompira.tree().get("/user/app/backup").orElseThrow().id(), back.jobId());
            kompira.schedules().remove(id);
        }
        try (Git git = Git.open(dir.toFile())) {
            git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();
        }
        assertTrue(Files.notExists(dir.resolve("tree/system/schedules/Nightly_backup.json")));
    }
}
