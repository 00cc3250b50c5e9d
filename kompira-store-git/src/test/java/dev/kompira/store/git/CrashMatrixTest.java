package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.object.ObjectManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable processes, for real (language.md §12.7): for each shape of process — fork and pfor
 * parents and children, calls at depth with relative paths, loops and try, a wait on a channel with
 * a detached child, a multiplicity slot — a child JVM runs a Jobflow object of a Git store in
 * checkpoint mode and is killed with SIGKILL when a given line appears on its console; a new JVM on
 * the same store resumes it. The root process must end with the console and outcome of an
 * uninterrupted run, and every command must have run once — except the ones in flight at the kill,
 * which run again (their shells outlive the killed JVM). Commands write their marker when they end.
 */
class CrashMatrixTest {

    @TempDir
    Path dir;

    /**
     * A shape: the flow started, the console line at which the first JVM is killed, and the markers
     * of the commands that may be in flight then.
     */
    private record Scenario(String name, String flow, String killAt, Set<String> inFlight) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("pfor, killed after the join", "/crash/parallel", "after pfor", Set.of("main")),
            new Scenario("pfor, killed while children run", "/crash/parallel_slow", "child 0 done", Set.of("child1", "child2")),
            new Scenario("fork, killed between a child's end and the join", "/crash/forked", "a done", Set.of("b")),
            new Scenario("calls at depth, relative paths", "/crash/outer", "inner hi", Set.of("inner")),
            new Scenario("while, try and for", "/crash/loops", "w 1", Set.of("w2")),
            new Scenario("a wait on a channel fed by a detached child", "/crash/waits", "waiting", Set.of()),
            new Scenario("a multiplicity slot held and waited for", "/crash/limited", "one ", Set.of("one0", "one1")));

    @TestFactory
    Stream<DynamicTest> aProcessKilledAnywhereResumesToTheOutcomeOfAnUninterruptedRun() {
        return SCENARIOS.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> check(s)));
    }

    private void check(Scenario s) throws Exception {
        Path base = Files.createDirectories(dir.resolve(s.flow().substring(1).replace('/', '_')));
        Run uninterrupted = new Run(base.resolve("uninterrupted"));
        uninterrupted.start(s.flow()).waitFor();
        String expected = uninterrupted.result();

        Run crashed = new Run(base.resolve("crashed"));
        crashed.killWhen(crashed.start(s.flow()), s.killAt());
        assertTrue(crashed.saved() > 0, "the killed JVM left no saved process");
        crashed.start(s.flow()).waitFor();
        assertEquals(expected, crashed.result(), "the resumed run ended differently");

        Map<String, Integer> ran = crashed.markers();
        assertEquals(uninterrupted.markers().keySet(), ran.keySet(), "commands that ran: " + ran);
        ran.forEach((marker, times) -> assertTrue(times == 1 || times == 2 && s.inFlight().contains(marker),
                marker + " ran " + times + " times; only " + s.inFlight() + " may run again"));
        assertEquals(0, crashed.saved(), "saved records were left after every process ended");
    }

    /** One repository with the crash flows, its work folder, and the runs of {@link CrashRun} on it. */
    private final class Run {
        final Path repository;
        final Path work;
        final Path result;

        Run(Path folder) throws Exception {
            this.repository = folder.resolve("repo");
            this.work = Files.createDirectories(folder.resolve("work"));
            this.result = folder.resolve("result.txt");
            addFlows(repository);
        }

        Process start(String flow) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashRun.class.getName(),
                    repository.toString(), flow, work.toString(), result.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        }

        void killWhen(Process process, String line) throws Exception {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); ; l = out.readLine()) {
                    assertTrue(l != null, "the first JVM ended before it printed '" + line + "'");
                    if (l.startsWith(line)) {
                        break;
                    }
                }
                process.destroyForcibly();
                assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            }
        }

        String result() throws IOException {
            return Files.readString(result, StandardCharsets.UTF_8);
        }

        long saved() throws IOException {
            try (GitStore store = GitStore.open(repository, GitStoreOptions.defaults());
                    Stream<Path> files = Files.list(store.checkpointFolder())) {
                return files.filter(f -> f.getFileName().toString().matches("process-\\d+\\.json")).count();
            } catch (java.nio.file.NoSuchFileException none) {
                return 0;
            }
        }

        Map<String, Integer> markers() throws IOException {
            Map<String, Integer> counts = new TreeMap<>();
            Path ran = work.resolve("ran");
            List<String> lines = Files.exists(ran) ? Files.readAllLines(ran) : Collections.emptyList();
            lines.forEach(l -> counts.merge(l.strip(), 1, Integer::sum));
            return counts;
        }
    }

    /** Writes the crash flows into a new Git store at {@code repository}. */
    private static void addFlows(Path repository) throws Exception {
        List<String[]> flows = new ArrayList<>();
        flows.add(new String[] {"parallel", String.join("\n", "| work |",
                "{ pfor i in 3 | ['sleep 0.2; echo child$i >> $work/ran'] -> print('child $i done') } ->",
                "[kids = $RESULT] -> print('after pfor') ->",
                "['sleep 1; echo main >> $work/ran'] ->",
                "print('done', length(kids), kids[0].exit_status, kids[1].status)")});
        flows.add(new String[] {"parallel_slow", String.join("\n", "| work |",
                "{ pfor i in 3 | ['sleep ' + string(0.6 * i) + '; echo child$i >> $work/ran'] -> print('child $i done') } ->",
                "print('after pfor', $STATUS) -> ['echo main >> $work/ran'] -> print('done')")});
        flows.add(new String[] {"forked", String.join("\n", "| work |",
                "{ fork |",
                "    ['echo a >> $work/ran'] -> print('a done')",
                "    ['sleep 1; echo b >> $work/ran'] -> print('b done')",
                "} ->",
                "print('joined', length($RESULT)) -> ['echo main >> $work/ran'] -> print('done')")});
        flows.add(new String[] {"outer", String.join("\n", "| work |",
                "print('outer') -> [./lib/inner: work] -> print('outer got', $RESULT) ->",
                "['echo outer >> $work/ran'] -> print('done')")});
        flows.add(new String[] {"loops", String.join("\n", "| work |",
                "[n = 0] ->",
                "{ while n < 3 | { try | ['sleep 0.3; echo w$n >> $work/ran'] -> print('w', n) } -> [n = n + 1] } ->",
                "{ for i in 2 | ['echo f$i >> $work/ran'] -> print('f', i) } ->",
                "print('done', n)")});
        flows.add(new String[] {"waits", String.join("\n", "| work |",
                "[ch = channel()] ->",
                "{ pfor i in 1 | detach() -> sleep(1) -> [ch.send: 'hi'] } ->",
                "print('waiting') -> <ch: 20> -> print('got', $RESULT) ->",
                "['echo main >> $work/ran'] -> print('done')")});
        flows.add(new String[] {"limited", String.join("\n", "| work |",
                "{ pfor i in 2 | [/crash/one: work, i] } -> print('both done', $STATUS) ->",
                "['echo main >> $work/ran'] -> print('done')")});
        try (GitStore store = GitStore.open(repository, GitStoreOptions.defaults());
                Kompira kompira = Kompira.builder().store(store).build()) {
            ObjectManager objects = kompira.objects();
            objects.batch("the crash flows", b -> {
                b.createDirectories("/crash/lib");
                b.create("/crash/lib/settings", "Environment", Map.of("environment", Map.of("greeting", "hi")));
                b.createJobflow("/crash/lib/inner", String.join("\n", "| work |", "| env = ./settings.environment |",
                        "print('inner', env['greeting']) -> ['sleep 1; echo inner >> $work/ran'] ->",
                        "return('from ' + env['greeting'] + ' in ' + ./.name)"));
                b.create("/crash/one", "Jobflow", Map.of("multiplicity", 1, "source", String.join("\n", "| work |", "| n |",
                        "print('one', n) -> ['sleep 0.5; echo one$n >> $work/ran']")));
                for (String[] flow : flows) {
                    b.createJobflow("/crash/" + flow[0], flow[1]);
                }
            });
        }
    }
}
