package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a child JVM making 1 000 writes is killed with SIGKILL in the middle; the
 * repository is intact ({@code git fsck --full}) and every write it acknowledged is there.
 */
class GitStoreCrashTest {

    @TempDir
    Path dir;

    @Test
    void aWriterKilledWithSigkillLeavesAnIntactRepositoryWithEveryAcknowledgedWrite() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), UpdatingWriter.class.getName(),
                dir.toString(), "1000").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && acknowledged < 300) {
                if (line.startsWith("ack ")) {
                    acknowledged = Integer.parseInt(line.substring(4));
                }
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(acknowledged >= 300, "the child acknowledged only " + acknowledged + " writes");

        Process fsck = new ProcessBuilder("git", "fsck", "--full", "--no-progress").directory(dir.toFile()).redirectErrorStream(true).start();
        String report = new String(fsck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(fsck.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, fsck.exitValue(), report);

        try (GitStore store = GitStore.open(dir, GitStoreOptions.defaults())) {
            int last = acknowledged;
            int found = store.read(tx -> {
                int n = 0;
                for (int k = 0; k <= last; k++) {
                    String expected = Integer.toString(k);
                    if (tx.get("/item" + k).map(o -> o.description().equals(expected)).orElse(false)) {
                        n++;
                    }
                }
                return n;
            });
            assertEquals(acknowledged + 1, found, "acknowledged writes missing after the crash");
        }
    }
}
