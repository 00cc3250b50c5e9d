package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The distribution the build makes ({@code target/kompira-dist}): {@code bin/kompira} runs the command
 * with its classes from the AppCDS archive the build made, passes arguments and the exit status through,
 * and a copy of the distribution elsewhere makes an archive of its own on its first run (an AOT cache on
 * Java 24 and later).
 */
class LauncherIT {

    private static final Path DIST = Path.of("target", "kompira-dist");

    /** Whether the JVM running the tests, which the launcher is given, makes an AOT cache (Java 24 and later). */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 24;

    @TempDir
    Path dir;

    private record Result(int status, String output) {
    }

    private static Result launch(Path dist, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launch(dist, Path.of(System.getProperty("java.home")), env, args);
    }

    private static Result launch(Path dist, Path javaHome, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(dist.resolve("bin/kompira").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kompira did not finish");
        return new Result(process.exitValue(), output);
    }

    private Path flow(String source) throws IOException {
        return Files.writeString(dir.resolve("flow.kjf"), source);
    }

    @Test
    void runsAFlowWithItsArgumentsAndExitStatus() throws Exception {
        Result result = launch(DIST, Map.of(), "run", flow("| word = '' |\nprint('got', word) -> exit(3)").toString(),
                "--param", "word='two words'");
        assertEquals(new Result(3, "got two words\n"), result);
    }

    @Test
    void runsTheReadmeExampleFlowAsTheReadmeSays() throws Exception {
        Result result = launch(DIST, Map.of(), "run", "../kompira-examples/flows/disk_report.kjf", "--param", "warn=0");
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().matches("(?s)(WARNING|CRITICAL) +/ +\\d+%\\n.*worst usage: \\d+%\\n"), result.output());
    }

    @Test
    void theCommandsClassesComeFromTheArchiveTheBuildMade() throws Exception {
        Result result = launch(DIST, Map.of("KOMPIRA_JAVA_OPTS", "-Xlog:class+load=info:stdout"), "run", flow("print('hi')").toString());
        assertEquals(0, result.status(), result.output());
        long archived = archived(result, "dev.kompira.");
        long read = result.output().lines().filter(l -> l.contains("dev.kompira.") && l.contains("source: ")).count();
        assertTrue(archived > 100 && archived * 10 >= read * 9, archived + " of " + read + " of our classes came from the archive");
        // picocli is compiled with the command (J270): every class of it a run loads comes from the archive,
        // also from an AOT cache, which holds only classes it can link (published picocli's were too old to be)
        List<String> notArchived = result.output().lines()
                .filter(l -> l.contains(" picocli.") && l.contains("source: ") && !l.contains("shared objects file")).toList();
        assertTrue(archived(result, "picocli.") > 50 && notArchived.isEmpty(), "picocli's classes read from the jar: " + notArchived);
    }

    private static long archived(Result result, String packagePrefix) {
        return result.output().lines().filter(l -> l.contains(packagePrefix) && l.contains("shared objects file")).count();
    }

    @Test
    void aCopyElsewhereMakesAnArchiveOfItsOwnOnItsFirstRun() throws Exception {
        Path copy = copyOfTheDistribution();

        List<String> archive = List.of(AOT_CACHE ? ".aot" : ".jsa");
        assertEquals(new Result(0, "first\n"), launch(copy, Map.of(), "run", flow("print('first')").toString()));
        assertEquals(archive, archives(copy), "the first run made an archive");
        assertEquals(new Result(0, "second\n"), launch(copy, Map.of(), "run", flow("print('second')").toString()));
        assertEquals(archive, archives(copy), "the second run used it");
    }

    /** Java 24 and later get an AOT cache instead (J267); the JDK is found under /usr/lib/jvm, as Debian installs them. */
    @Test
    void onANewerJavaTheFirstRunMakesAnAotCacheAndSaysNothingOfIt() throws Exception {
        Path javaHome = newerJava().orElseThrow(() -> new TestAbortedException("no JDK 24 or later under /usr/lib/jvm"));
        Path copy = copyOfTheDistribution();

        assertEquals(new Result(4, "first\n"), launch(copy, javaHome, Map.of(), "run", flow("print('first') -> exit(4)").toString()));
        assertEquals(List.of(".aot"), archives(copy), "the first run made an AOT cache");
        Result second = launch(copy, javaHome, Map.of("KOMPIRA_JAVA_OPTS", "-Xlog:class+load=info:stdout"),
                "run", flow("print('second')").toString());
        assertEquals(0, second.status());
        assertTrue(second.output().lines().anyMatch("second"::equals), "the flow's output is missing");
        long ours = second.output().lines().filter(l -> l.contains(" dev.kompira.") && l.contains("source: ")).count();
        assertTrue(archived(second, "dev.kompira.") * 10 >= ours * 9, archived(second, "dev.kompira.") + " of " + ours
                + " of our classes came from the cache");
        assertEquals(List.of(".aot"), archives(copy), "the second run used it");
    }

    private Path copyOfTheDistribution() throws IOException {
        Path copy = dir.resolve("kompira");
        Files.createDirectories(copy.resolve("bin"));
        Files.createDirectories(copy.resolve("lib"));
        Files.copy(DIST.resolve("bin/kompira"), copy.resolve("bin/kompira"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(DIST.resolve("lib/kompira.jar"), copy.resolve("lib/kompira.jar"));
        return copy;
    }

    /** The suffixes of the archives in the distribution's lib folder; anything half made would show too. */
    private static List<String> archives(Path dist) throws IOException {
        try (Stream<Path> files = Files.list(dist.resolve("lib"))) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !name.equals("kompira.jar"))
                    .map(name -> name.substring(name.lastIndexOf('.'))).sorted().toList();
        }
    }

    private static Optional<Path> newerJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> featureVersion(home) >= 24 && Files.isExecutable(home.resolve("bin/java"))).findFirst();
        }
    }

    private static int featureVersion(Path javaHome) {
        try {
            Optional<String> line = Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(l -> l.startsWith("JAVA_VERSION=")).findFirst();
            return line.map(l -> Integer.parseInt(l.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"))).orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0; // not a JDK, or one whose version we cannot read
        }
    }
}
