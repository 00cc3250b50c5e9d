package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.StringValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upload} and {@code download} read {@code __dir__} as commands do (D57, D139): from the
 * scope where the job is written, else from {@code $ENV}; a local {@code null} means none.
 * The golden file {@code run/file_transfer_dir.kjf} covers the paths themselves.
 */
class FileTransferJobsTest {

    private static final String BOX = "| dir = '' |\n"
            + "[t = ./.add('Box', /system/types/TypeObject, {fieldNames = ['file'], fieldDisplayNames = ['File'], fieldTypes = ['File']})] ->\n"
            + "[b = ./.add('box', t)] ->\n";

    @TempDir
    Path dir;

    private String run(Map<String, String> environment, String flow) throws Exception {
        StringBuilder console = new StringBuilder();
        try (Kompira engine = Kompira.builder().environment(environment).console((pid, text) -> console.append(text)).build()) {
            ProcessOutcome outcome = engine.start(engine.compile("files.kjf", BOX + flow),
                    Map.of("dir", StringValue.of(dir.toString()))).await();
            assertTrue(outcome.isDone(), outcome + "\n" + console);
        }
        return console.toString();
    }

    @Test
    void dirFromEnvIsWhereRelativePathsStartAsForACommand() throws Exception {
        Files.writeString(dir.resolve("report.txt"), "from the env dir");

        String console = run(Map.of("__dir__", dir.toString()),
                "['cat report.txt'] -> print($RESULT) -> upload('report.txt', b, 'file') -> print(b.file.data.decode())\n"
                        + "-> download(b.file, 'copy.txt') -> print($RESULT == dir + '/copy.txt')\n");

        assertEquals("from the env dir\nfrom the env dir\ntrue\n", console);
        assertEquals("from the env dir", Files.readString(dir.resolve("copy.txt")));
    }

    @Test
    void dirInScopeWinsOverEnv() throws Exception {
        Files.createDirectories(dir.resolve("scoped"));
        Files.writeString(dir.resolve("scoped/report.txt"), "scoped");
        Files.writeString(dir.resolve("report.txt"), "env");

        String console = run(Map.of("__dir__", dir.toString()),
                "[__dir__ = dir + '/scoped'] -> upload('report.txt', b, 'file') -> print(b.file.data.decode())\n");

        assertEquals("scoped\n", console);
    }

    @Test
    void nullDirInScopeMeansTheEngineDirectoryNotEnvs() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "not the module's pom");

        String console = run(Map.of("__dir__", dir.toString()),
                "[__dir__ = null] -> ['head -c 5 pom.xml'] -> print($RESULT)\n"
                        + "-> upload('pom.xml', b, 'file') -> print(b.file.data.decode().startswith('<?xml'))\n");

        assertEquals("<?xml\ntrue\n", console);
    }
}
