package dev.kompira.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.value.StringValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Python libraries run by real CPython workers (objects.md §4.6): each test creates a Library object
 * from a Python source and runs a jobflow that calls it through one engine with three workers.
 */
class PythonLibraryTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final StringBuffer CONSOLE = new StringBuffer();
    private static Kompira kompira;

    @BeforeAll
    static void engine() {
        kompira = Kompira.builder()
                .sourceLibraries(PythonRuntime.builder().workers(3).outputLimit(1000).build())
                .console((pid, text) -> CONSOLE.append(text))
                .build();
    }

    @AfterAll
    static void close() {
        kompira.close();
    }

    /** Creates Library {@code /name} from {@code python}, then runs {@code flow}; returns the console. */
    private static String run(String name, String python, String... flow) throws Exception {
        ProcessOutcome outcome = start(name, python, flow).await(WAIT);
        assertTrue(outcome.isDone(), outcome + "\n" + CONSOLE);
        return consoleOf(outcome);
    }

    private static JobflowProcess start(String name, String python, String... flow) throws FlowCompileException {
        String text = "| src |\n[lib = ./.add('" + name + "', /system/types/Library, {sourceText = src})] ->\n"
                + String.join("\n", flow);
        CONSOLE.setLength(0);
        return kompira.start(kompira.compile(name + ".kjf", text), Map.of("src", StringValue.of(python)));
    }

    private static String consoleOf(ProcessOutcome outcome) {
        return CONSOLE.toString();
    }

    @Test
    void functionsAreCalledAsJobsAndInExpressions() throws Exception {
        String console = run("split", "def split(s):\n    return s.split()\n",
                "[./split.split: 'a b c'] -> print($RESULT, $STATUS) ->",
                "print(./split.split('x  y')) ->",
                "print(lib.split(s = 'kw arg'))");
        assertEquals("['a', 'b', 'c'] 0\n['x', 'y']\n['kw', 'arg']\n", console);
    }

    @Test
    void anExceptionFailsTheJobWithItsTypeAndMessage() throws Exception {
        String console = run("raising", "def fail(why):\n    raise RuntimeError(why)\n",
                "[./raising.fail: 'disk full'] => print($STATUS, $ERROR) ->",
                "[x = lib.fail('in an expression')] => print($STATUS, $ERROR) ->",
                "[lib.nothing] => print($STATUS, $ERROR)");
        assertEquals("1 RuntimeError: disk full\n1 RuntimeError: in an expression\n"
                + "1 library /raising has no function 'nothing'\n", console);
    }

    @Test
    void valuesCrossInBothDirectionsWithTheirTypes() throws Exception {
        String console = run("echo", "import datetime\n"
                        + "def echo(*values):\n    return [[type(v).__name__, v] for v in values]\n"
                        + "def make():\n"
                        + "    return {'big': 2 ** 70, 'f': 0.5, 'none': None, 'yes': True, 'u': 'ｶﾅ', 'b': b'\\x00\\xff',\n"
                        + "            1: 'int key', 't': (1, 2), 'dt': datetime.datetime(2024, 5, 6, 7, 8, 9, 10,"
                        + " datetime.timezone(datetime.timedelta(hours=9))),\n"
                        + "            'd': datetime.date(2024, 2, 29), 'tm': datetime.time(23, 59, 1),"
                        + " 'td': datetime.timedelta(days=-1, seconds=5)}\n",
                "[v = lib.echo(1, 1208925819614629174706176, 1.5, 'é', true, null, [1, [2]], {k = 'v'}, b'\\x01', lib)] ->",
                "{ for pair in v | print(pair[0], pair[1]) } ->",
                "[m = lib.make()] ->",
                "print(m['big'] - 1, m['f'], m['none'], m['yes'], m['u'], m['b'], m[1], m['t']) ->",
                "print(type(m['dt']), m['dt'], type(m['d']), m['d'], type(m['tm']), m['tm'], type(m['td']), m['td']) ->",
                "print(lib.echo(m['dt'], m['d'], m['tm'], m['td']))");
        assertEquals("int 1\nint 1208925819614629174706176\nfloat 1.5\nstr é\nbool true\nNoneType null\nlist [1, [2]]\n"
                + "dict {k='v'}\nbytes b'\\x01'\nstr /echo\n"
                + "1180591620717411303423 0.5 null true ｶﾅ b'\\x00\\xff' int key [1, 2]\n"
                + "Datetime 2024-05-06 07:08:09.000010+09:00 Date 2024-02-29 Time 23:59:01 Timedelta -1 day, 0:00:05\n"
                + "[['datetime', 2024-05-06 07:08:09.000010+09:00], ['date', 2024-02-29], ['time', 23:59:01],"
                + " ['timedelta', -1 day, 0:00:05]]\n", console);
    }

    @Test
    void aResultPythonCannotEncodeFailsTheJobSayingSo() throws Exception {
        String console = run("setter", "def tags():\n    return {'a', 'b'}\n",
                "[lib.tags] => print($STATUS, $ERROR)");
        assertEquals("1 TypeError: tags() returned a set, which a jobflow cannot hold (return None, bool, int, float, str,"
                + " bytes, list, tuple, dict or a datetime value)\n", console);
    }

    @Test
    void aSyntaxErrorMakesTheLibraryNotExecutableWithItsLineInDocumentAndError() throws Exception {
        String console = run("broken", "def ok():\n    return 1\n\ndef bad(:\n    pass\n",
                "print(lib.executable) -> print(lib.document) ->",
                "[lib.ok] => print($STATUS, $ERROR)");
        String error = "SyntaxError: invalid syntax (/broken, line 4)";
        assertEquals("false\n" + error + "\n1 " + error + "\n", console);
    }

    @Test
    void anErrorInTopLevelCodeIsReportedWithItsLine() throws Exception {
        String console = run("toplevel", "import os\nx = 1\ny = undefined_name + x\n",
                "print(lib.executable, lib.document)");
        assertEquals("false NameError: name 'undefined_name' is not defined (/toplevel, line 3)\n", console);
    }

    @Test
    void theLibraryIsReloadedWhenItsSourceChangesAndDocumentFollows() throws Exception {
        String console = run("versions", "def version():\n    \"\"\"The first.\"\"\"\n    return 1\n",
                "print(lib.version(), lib.document) ->",
                "['def version():\\n    return 2\\ndef added():\\n    return \"new\"\\n' >> lib.sourceText] ->",
                "print(lib.version(), lib.added(), lib.executable) ->",
                "['def version(:' >> lib.sourceText] -> print(lib.executable) ->",
                "['def version():\\n    return 3\\n' >> lib.sourceText] -> print(lib.version())");
        assertEquals("1 def version()\n    The first.\n2 new true\nfalse\n3\n", console);
    }

    @Test
    void aRunawayFunctionIsKilledAtItsTimeoutAndTheNextCallGetsAFreshWorker() throws Exception {
        String console = run("runaway", "import time\ndef spin():\n    while True:\n        pass\n"
                        + "def nap():\n    time.sleep(60)\ndef ok():\n    return 'still fine'\n",
                "[__timeout__ = 0.5] ->",
                "[lib.spin] => print($STATUS, $ERROR) ->",
                "[x = lib.nap()] => print($STATUS, $ERROR) ->",
                "[lib.ok] -> print($RESULT)");
        assertEquals("1 library function /runaway.spin timed out after 0.5 seconds\n"
                + "1 library function /runaway.nap timed out after 0.5 seconds\nstill fine\n", console);
    }

    @Test
    void terminatingTheProcessKillsTheCallAndTheEngineGoesOn() throws Exception {
        JobflowProcess p = start("stuck", "import time\ndef wait():\n    time.sleep(60)\ndef ok():\n    return 'ok'\n",
                "[lib.wait]");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.state() != ProcessState.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        p.terminate();
        ProcessOutcome outcome = p.await(WAIT);
        assertEquals(ProcessState.ABORTED, outcome.state());
        assertEquals("ok\n", run("after_stuck", "def ok():\n    return 'ok'\n", "print(lib.ok())"));
    }

    @Test
    void aWorkerThatDiesDuringACallFailsThatCallOnly() throws Exception {
        String console = run("dying", "import os, sys\ndef die():\n    sys.stderr.flush()\n    os._exit(3)\n"
                        + "def ok():\n    return 'alive'\n",
                "[lib.die] => print($STATUS, $ERROR) -> [lib.ok] -> print($RESULT)");
        assertEquals("1 the Python worker ended during the call (exit status 3); the next call starts a new one\nalive\n",
                console);
    }

    @Test
    void whatAFunctionPrintsReachesTheConsoleUpToTheLimit() throws Exception {
        String console = run("printer", "import sys\ndef talk():\n    print('line one')\n    print('to stderr', file=sys.stderr)\n"
                        + "    return 'done'\ndef flood():\n    print('x' * 5000000)\n    return len('x' * 5000000)\n",
                "[lib.talk] -> print($RESULT) -> [lib.flood] -> print($RESULT)");
        assertTrue(console.startsWith("line one\nto stderr\ndone\n" + "x".repeat(1000) + "\n... (4999001 more characters not"
                + " shown)\n5000000\n"), console.substring(0, Math.min(200, console.length())));
    }

    @Test
    void concurrentCallsShareABoundedPoolOfLongLivedWorkers() throws Exception {
        String console = run("pids", "import os, time\ndef pid():\n    time.sleep(0.05)\n    return str(os.getpid())\n",
                "{ pfor i in 30 | [lib.pid] } ->",
                "[pids = {}] -> { for p in $RESULT | ['x' >> pids[p.result]] } -> print(length(pids))");
        int workers = Integer.parseInt(console.strip());
        assertTrue(workers >= 2 && workers <= 3, "30 calls ran in " + workers + " worker processes; the pool has 3");
    }

    @Test
    void closingTheEngineEndsEveryWorkerProcessAndThread() throws Exception {
        Set<Thread> before = pythonThreads();
        StringBuffer console = new StringBuffer();
        try (Kompira own = Kompira.builder().sourceLibraries(PythonRuntime.builder().workers(2).build())
                .console((pid, text) -> console.append(text)).build()) {
            own.start(own.compile("pids.kjf", String.join("\n",
                    "[lib = ./.add('l', /system/types/Library, {sourceText = 'import os, time\\ndef pid():\\n    time.sleep(0.1)\\n"
                            + "    return os.getpid()\\n'})] ->",
                    "{ pfor i in 4 | [lib.pid] -> print($RESULT) }")), Map.of()).await(WAIT);
            assertFalse(pythonThreads().equals(before), "the engine's workers run threads of their own");
        }
        List<Long> pids = console.toString().lines().map(Long::parseLong).distinct().toList();
        assertFalse(pids.isEmpty(), console.toString());
        for (long pid : pids) {
            assertFalse(java.lang.ProcessHandle.of(pid).map(java.lang.ProcessHandle::isAlive).orElse(false),
                    "worker " + pid + " outlived the engine");
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<Thread> left = pythonThreads();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left.removeIf(t -> !t.isAlive());
        }
        assertEquals(Set.of(), left);
    }

    private static Set<Thread> pythonThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(t -> !t.getName().startsWith("kompira-python"));
        return threads;
    }

    @Test
    void safeSourceIsRefused() throws Exception {
        String console = run("safe", "def f():\n    return 1\n",
                "['safe_source' >> lib.libraryType] -> print(lib.executable, lib.document) -> [lib.f] => print($STATUS)");
        assertTrue(console.startsWith("false safe_source libraries need a restricted Python interpreter, and CPython"),
                console);
        assertTrue(console.endsWith("cannot enforce one; set libraryType to 'source' to run this code unrestricted if you"
                + " trust it\n1\n"), console);
    }

    @Test
    void withoutAnInterpreterTheLibrarySaysHowToEnableOneAndNothingElseBreaks() throws Exception {
        Map<String, String> noPython = new LinkedHashMap<>();
        noPython.put("PATH", Path.of("target").toAbsolutePath().toString());
        StringBuffer console = new StringBuffer();
        try (Kompira bare = Kompira.builder().sourceLibraries(PythonRuntime.builder().environment(noPython).build())
                .console((pid, text) -> console.append(text)).build()) {
            ProcessOutcome outcome = bare.start(bare.compile("bare.kjf", String.join("\n",
                    "[lib = ./.add('l', /system/types/Library, {sourceText = 'def f(): return 1'})] ->",
                    "print(lib.executable, lib.document) -> [lib.f] => print($STATUS) -> ['echo commands work'] ->",
                    "print($RESULT)")), Map.of()).await(WAIT);
            assertTrue(outcome.isDone(), console.toString());
        }
        assertEquals("false Python libraries need a Python 3 interpreter, and no python3 was found on the PATH: install one"
                + " (Debian: apt-get install python3) or set KOMPIRA_PYTHON to its path\n1\ncommands work\n", console.toString());
    }
}
