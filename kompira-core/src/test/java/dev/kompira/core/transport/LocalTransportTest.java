package dev.kompira.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local transport with real processes run through /bin/bash, started with posix_spawn where
 * there is one ({@link LocalTransportThroughSetsidTest} runs the same tests through {@code setsid}).
 */
class LocalTransportTest {

    private static final int MB10 = 10 * 1024 * 1024;

    @TempDir
    Path temp;

    private LocalTransport transport;

    @BeforeEach
    void open() {
        transport = newTransport();
    }

    /** The transport under test: the default one, which starts commands through posix_spawn on Linux. */
    LocalTransport newTransport() {
        return new LocalTransport();
    }

    /** The transport under test with at most {@code maxIoThreads} I/O threads. */
    LocalTransport newTransport(int maxIoThreads) {
        return new LocalTransport(maxIoThreads);
    }

    /** Whether {@link #newTransport()} starts commands through posix_spawn here. */
    boolean expectsPosixSpawn() {
        return System.getProperty("os.name", "").startsWith("Linux");
    }

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void supportsLocalOnly() {
        assertTrue(transport.supports("local"));
        assertFalse(transport.supports("ssh"));
    }

    @Test
    void echoGivesOutputAndStatusZero() {
        CommandResult.Completed done = completed(Requests.command("echo hi"));

        assertEquals(0, done.exitStatus());
        assertEquals("hi\n", text(done.stdout()));
        assertEquals("", text(done.stderr()));
    }

    @Test
    void exitStatusAndStandardErrorAreReported() {
        CommandResult.Completed done = completed(Requests.command("echo out; echo oops >&2; exit 3"));

        assertEquals(3, done.exitStatus());
        assertEquals("out\n", text(done.stdout()));
        assertEquals("oops\n", text(done.stderr()));
    }

    @Test
    void standardInputIsWrittenWithoutAddingALineFeed() {
        CommandResult.Completed done = completed(Requests.command("cat").stdin("line 1\nline 2"));

        assertEquals("line 1\nline 2", text(done.stdout()));
    }

    @Test
    void aShellThatIsItsOwnGateKeepsItsLineNumbersAndAllTheInput() {
        for (String shell : List.of("/bin/bash", "/bin/sh", "/bin/zsh")) {
            if (Files.isExecutable(Path.of(shell))) {
                CommandResult.Completed done = completed(Requests.command("echo first\ncat").shell(shell).stdin("line 1\nline 2"));
                assertEquals("first\nline 1\nline 2", text(done.stdout()), shell);
            }
        }
        assertEquals("1\n2\n", text(completed(Requests.command("echo $LINENO\necho $LINENO").shell("/bin/bash")).stdout()));
        CommandResult.Completed broken = completed(Requests.command("echo (").shell("/bin/bash"));
        assertEquals(2, broken.exitStatus());
        assertTrue(text(broken.stderr()).contains("line 1: syntax error"), text(broken.stderr()));
    }

    @Test
    void emptyStandardInputIsEndOfFileAtOnce() {
        CommandResult.Completed done = completed(Requests.command("cat; echo eof").timeout(Duration.ofSeconds(5)));

        assertEquals("eof\n", text(done.stdout()));
    }

    @Test
    void tenMegabytesThroughAllThreePipesDoNotDeadlock() {
        byte[] input = new byte[MB10];
        new Random(42).nextBytes(input);

        CommandResult.Completed done = completed(Requests.command("tee /dev/stderr").stdin(input));

        assertEquals(0, done.exitStatus());
        assertArrayEquals(input, done.stdout());
        assertArrayEquals(input, done.stderr());
    }

    @Test
    void largeOutputOnBothStreamsIsReadConcurrently() {
        CommandResult.Completed done = completed(Requests.command(
                "head -c " + MB10 + " /dev/zero; head -c " + MB10 + " /dev/zero >&2; head -c 5 /dev/zero"));

        assertEquals(MB10 + 5, done.stdout().length);
        assertEquals(MB10, done.stderr().length);
    }

    @Test
    void directoryWithShellIsEnteredWithCd() throws IOException {
        CommandResult.Completed done = completed(Requests.command("pwd").directory(temp.toString()));

        assertEquals(temp.toRealPath().toString(), CommandOutput.stripNewline(text(done.stdout())));
    }

    @Test
    void missingDirectoryWithShellIsACommandFailure() {
        CommandResult.Completed done = completed(Requests.command("pwd").directory(temp.resolve("missing").toString()));

        assertEquals(1, done.exitStatus());
        assertTrue(text(done.stderr()).contains("missing"), text(done.stderr()));
    }

    @Test
    void directoryWithoutShellIsTheWorkingDirectory() throws IOException {
        CommandResult.Completed done = completed(Requests.command("pwd").noShell().directory(temp.toString()));

        assertEquals(temp.toRealPath().toString(), CommandOutput.stripNewline(text(done.stdout())));
    }

    @Test
    void relativeAndHomeDirectoriesAreTheSameWithAndWithoutShell() throws IOException {
        for (String directory : List.of("src", "~", "~/")) {
            String expected = WorkingDirectory.of(directory).toRealPath().toString();
            CommandResult.Completed shell = completed(Requests.command("pwd -P").directory(directory));
            CommandResult.Completed words = completed(Requests.command("pwd -P").noShell().directory(directory));

            assertEquals(expected, CommandOutput.stripNewline(text(shell.stdout())), directory + " with a shell");
            assertEquals(expected, CommandOutput.stripNewline(text(words.stdout())), directory + " without a shell");
        }
    }

    @Test
    void missingDirectoryWithoutShellIsUnreachable() {
        String missing = temp.resolve("missing").toString();

        CommandResult.Unreachable failed = unreachable(Requests.command("pwd").noShell().directory(missing));

        assertEquals("no such directory: " + missing, failed.reason());
    }

    @Test
    void wordsWithoutShellFollowPosixQuoting() {
        CommandResult.Completed done = completed(Requests.command("printf '%s|' 'a b' \"c d\" e\\ f $HOME").noShell());

        assertEquals("a b|c d|e f|$HOME|", text(done.stdout()));
    }

    @Test
    void unterminatedQuoteWithoutShellIsUnreachable() {
        CommandResult.Unreachable failed = unreachable(Requests.command("echo 'abc").noShell());

        assertTrue(failed.reason().contains("unterminated single quote"), failed.reason());
    }

    @Test
    void directoryWithSudoAndNoShellIsRControlAtOnce() {
        CommandRequest request = Requests.command("ls").noShell().sudo().directory("/tmp").build();

        JobflowError error = assertThrows(JobflowError.class, () -> transport.execute(request));

        assertEquals(ErrorCode.R_CONTROL, error.code());
    }

    @Test
    void timeoutKillsTheShellAndItsChildren() throws Exception {
        assertTimeoutKillsTree(transport);
    }

    @Test
    void timeoutKillsTheTreeWithoutProcessGroups() throws Exception {
        try (LocalTransport withoutGroups = new LocalTransport(LocalTransport.DEFAULT_IO_THREADS, false, true)) {
            assertFalse(withoutGroups.usesProcessGroups());
            assertTimeoutKillsTree(withoutGroups);
        }
    }

    private void assertTimeoutKillsTree(LocalTransport on) throws Exception {
        Path pids = temp.resolve("pids");
        String inner = "sleep 30 & echo $$ $! > " + pids + "; sleep 30; wait";
        Duration limit = Duration.ofMillis(500);

        long start = System.nanoTime();
        CommandResult result = run(on, Requests.command("bash -c " + CommandLine.quote(inner)).timeout(limit));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(new CommandResult.TimedOut(limit), result);
        assertTrue(elapsedMillis < 2500, "took " + elapsedMillis + " ms");
        for (long pid : readPids(pids)) {
            assertTrue(eventually(() -> !isRunning(pid)), "process " + pid + " survived the timeout");
        }
    }

    @Test
    void timeoutKillsABackgroundChildThatOutlivedTheShell() throws Exception {
        assumeTrue(transport.usesProcessGroups(), "needs setsid and kill");
        Path pids = temp.resolve("pids");
        Duration limit = Duration.ofMillis(500);

        CommandResult result = run(Requests.command("sleep 30 & echo $! > " + pids).timeout(limit));

        assertEquals(new CommandResult.TimedOut(limit), result);
        long orphan = readPids(pids).get(0);
        assertTrue(eventually(() -> !isRunning(orphan)), "the orphaned sleep survived the timeout");
    }

    @Test
    void outputOfABackgroundChildIsWaitedFor() throws Exception {
        List<CompletableFuture<CommandResult>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(transport.execute(Requests.command("(sleep 0.3; echo late) & echo early").build()).toCompletableFuture());
        }

        for (CompletableFuture<CommandResult> result : results) {
            CommandResult.Completed done = assertInstanceOf(CommandResult.Completed.class, result.get(10, TimeUnit.SECONDS));
            assertEquals("early\nlate\n", text(done.stdout()));
        }
    }

    @Test
    void commandsLeadTheirOwnProcessGroupAndSession() {
        assumeTrue(transport.usesProcessGroups(), "needs setsid and kill");

        CommandResult.Completed done = completed(Requests.command("read -r s < /proc/$$/stat; set -- ${s#*) }; echo $$ $3 $4"));

        String[] pidGroupSession = CommandOutput.stripNewline(text(done.stdout())).split(" ");
        assertEquals(List.of(pidGroupSession[0], pidGroupSession[0]), List.of(pidGroupSession[1], pidGroupSession[2]));
    }

    @Test
    void commandsStartThroughPosixSpawnWhereThereIsOne() {
        assertEquals(expectsPosixSpawn(), transport.usesPosixSpawn());
    }

    @Test
    void endedAndTimedOutCommandsAreReaped() throws Exception {
        long ended = Long.parseLong(CommandOutput.stripNewline(text(completed(Requests.command("echo $$")).stdout())));
        Path pid = temp.resolve("timed-out");
        assertInstanceOf(CommandResult.TimedOut.class,
                run(Requests.command("echo $$ > " + pid + "; exec sleep 30").timeout(Duration.ofMillis(300))));

        for (long p : List.of(ended, readPids(pid).get(0))) {
            assertTrue(eventually(() -> !Files.exists(Path.of("/proc", Long.toString(p)))), "process " + p + " is left a zombie");
        }
    }

    @Test
    void commandsInheritNoDescriptorOfTheEngine() {
        // ls's own descriptor 3 is the folder it lists.
        CommandResult.Completed done = completed(Requests.command("exec ls /proc/self/fd"));

        assertEquals("0\n1\n2\n3\n", text(done.stdout()));
    }

    @Test
    void commandsStartWithNoSignalBlockedOrIgnored() {
        // The JDK's start leaves SIGQUIT blocked and two of glibc's real-time signals ignored in the child.
        assumeTrue(transport.usesPosixSpawn(), "only posix_spawn resets the signal mask and dispositions");
        CommandResult.Completed done = completed(Requests.command("exec grep -E '^Sig(Blk|Ign)' /proc/self/status"));

        String[] masks = text(done.stdout()).split("\\s+");
        // Signals 1 to 31 (bits 0 to 30): the JVM leaves two of glibc's internal signals, 32 and 33, ignored.
        long standard = 0x7fff_ffffL;
        assertEquals(List.of("SigBlk:", "0", "SigIgn:", "0"), List.of(masks[0], Long.toString(Long.parseLong(masks[1], 16) & standard),
                masks[2], Long.toString(Long.parseLong(masks[3], 16) & standard)));
    }

    @Test
    void commandsGetTheEnginesEnvironment() {
        CommandResult.Completed done = completed(Requests.command("printf %s \"$PATH\""));

        assertEquals(System.getenv("PATH"), text(done.stdout()));
    }

    @Test
    void aScriptWithoutInterpreterLineRunsThroughShAsExecvpRunsIt() throws IOException {
        Path script = temp.resolve("plain-script");
        Files.writeString(script, "echo \"from $0 with $1\"\n");
        assertTrue(script.toFile().setExecutable(true));

        CommandResult.Completed done = completed(Requests.command(script + " one").noShell());

        assertEquals("from " + script + " with one\n", text(done.stdout()));
    }

    @Test
    void timeoutDoesNotFireForAFastCommand() {
        CommandResult.Completed done = completed(Requests.command("echo quick").timeout(Duration.ofSeconds(5)));

        assertEquals("quick\n", text(done.stdout()));
    }

    @Test
    void signalDeathIsStatus128PlusN() {
        assertEquals(143, completed(Requests.command("kill -TERM $$")).exitStatus());
        assertEquals(137, completed(Requests.command("kill -KILL $$")).exitStatus());
        assertEquals(130, completed(Requests.command("bash -c 'kill -INT $$'; exit $?")).exitStatus());
    }

    @Test
    void missingShellIsUnreachable() {
        CommandResult.Unreachable failed = unreachable(Requests.command("echo hi").shell("/no/such/shell"));

        assertEquals("cannot run program '/no/such/shell': no such executable file", failed.reason());
    }

    @Test
    void missingProgramWithoutShellIsUnreachable() {
        CommandResult.Unreachable failed = unreachable(Requests.command("no-such-program-kompira --help").noShell());

        assertTrue(failed.reason().contains("no-such-program-kompira"), failed.reason());
    }

    @Test
    void sudoThatIsNotInstalledIsUnreachable() {
        assumeTrue(LocalTransport.findProgram("sudo", null).isEmpty(), "sudo is installed");

        CommandResult.Unreachable failed = unreachable(Requests.command("id -u").sudo());

        assertEquals("cannot run program 'sudo': no such executable file", failed.reason());
    }

    @Test
    void missingCommandInsideTheShellIsStatus127() {
        assertEquals(127, completed(Requests.command("no-such-program-kompira")).exitStatus());
    }

    @Test
    void commandAtTheLimitRunsAndOneByteMoreIsRefused() {
        String atLimit = "echo " + "x".repeat(CommandLine.MAX_COMMAND_BYTES - 5);

        CommandResult.Completed done = completed(Requests.command(atLimit));
        CommandResult.Unreachable refused = unreachable(Requests.command(atLimit + "x"));

        assertEquals(CommandLine.MAX_COMMAND_BYTES - 5 + 1, done.stdout().length);
        assertEquals("command too long (114689 bytes; the limit is 114688)", refused.reason());
    }

    @Test
    void newlineRuleOnRealOutputs() throws Exception {
        assertEquals("hi", CommandOutput.text(completed(Requests.command("echo hi")).stdout(), StandardCharsets.UTF_8));
        assertEquals("a\n", CommandOutput.text(completed(Requests.command("printf 'a\\n\\n'")).stdout(), StandardCharsets.UTF_8));
        assertEquals(" x ", CommandOutput.text(completed(Requests.command("printf ' x '")).stdout(), StandardCharsets.UTF_8));
    }

    @Test
    void outputBytesAreReturnedRaw() {
        CommandResult.Completed done = completed(Requests.command("printf '\\377\\000\\r\\n'"));

        assertArrayEquals(new byte[] {(byte) 0xff, 0, '\r', '\n'}, done.stdout());
    }

    @Test
    void ptyMergesStandardErrorIntoStandardOutput() {
        CommandResult.Completed done = completed(Requests.command("echo out; echo err >&2").pty());

        assertEquals("out\r\nerr\r\n".replace("\r", transport.allocatesTerminals() ? "\r" : ""), text(done.stdout()));
        assertEquals(0, done.stderr().length);
    }

    @Test
    void ptyIsARealTerminalWhenScriptIsInstalled() {
        assumeTrue(transport.allocatesTerminals(), "needs util-linux script");

        CommandResult.Completed done = completed(Requests.command("tty; exit 4").pty());

        assertEquals(4, done.exitStatus());
        assertTrue(text(done.stdout()).startsWith("/dev/pts/"), text(done.stdout()));
    }

    @Test
    void ptyWithoutScriptOnlyMerges() {
        try (LocalTransport plain = new LocalTransport(LocalTransport.DEFAULT_IO_THREADS, true, false)) {
            CommandResult.Completed done = completed(plain, Requests.command("echo out; echo err >&2; tty").pty());

            assertEquals(1, done.exitStatus(), "no terminal, so tty fails");
            assertEquals("out\nerr\nnot a tty\n", text(done.stdout()));
        }
    }

    @Test
    void executeReturnsAtOnceAndCompletesOnATransportThread() throws Exception {
        long start = System.nanoTime();
        CompletionStage<CommandResult> stage = transport.execute(Requests.command("sleep 0.3").build());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        CompletableFuture<String> thread = stage.thenApply(result -> Thread.currentThread().getName()).toCompletableFuture();

        assertTrue(elapsedMillis < 200, "execute blocked for " + elapsedMillis + " ms");
        assertFalse(thread.isDone());
        assertTrue(thread.get(5, TimeUnit.SECONDS).startsWith("kompira-local-io-"), thread.get());
    }

    @Test
    void sequentialCommandsReuseAnIdleIoThread() throws Exception {
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            CompletionStage<String> thread = transport.execute(Requests.command("true").build())
                    .thenApply(result -> Thread.currentThread().getName());
            threads.add(thread.toCompletableFuture().get(5, TimeUnit.SECONDS));
        }
        // one thread, or a few when the next command came before a thread was back in the pool;
        // a new thread for every command (20) is what a pool that fills its core threads first does
        assertTrue(threads.size() < 10, "threads used: " + threads);
    }

    @Test
    void fiftyConcurrentCommandsAllComplete() throws Exception {
        List<CompletableFuture<CommandResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(transport.execute(Requests.command("sleep 0.2; echo " + i).build()).toCompletableFuture());
        }

        for (int i = 0; i < 50; i++) {
            CommandResult result = results.get(i).get(10, TimeUnit.SECONDS);
            assertEquals(i + "\n", text(assertInstanceOf(CommandResult.Completed.class, result).stdout()));
        }
    }

    @Test
    void boundedExecutorQueuesCommandsInsteadOfStarvingThem() throws Exception {
        try (LocalTransport small = newTransport(4)) {
            long start = System.nanoTime();
            List<CompletableFuture<CommandResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(small.execute(Requests.command("sleep 0.2; cat").stdin("in" + i).build()).toCompletableFuture());
            }

            for (int i = 0; i < 6; i++) {
                CommandResult result = results.get(i).get(10, TimeUnit.SECONDS);
                assertEquals("in" + i, text(assertInstanceOf(CommandResult.Completed.class, result).stdout()));
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // A spawned command takes one thread; one started by the JDK with input takes three.
            int atOnce = expectsPosixSpawn() ? 4 : 1;
            int rounds = (6 + atOnce - 1) / atOnce;
            assertTrue(elapsedMillis >= rounds * 200 - 50,
                    "4 threads run " + atOnce + " command(s) with input at a time, took " + elapsedMillis + " ms");
        }
    }

    @Test
    void closeKillsRunningCommandsRefusesLaterOnesAndLeavesNoThread() throws Exception {
        Path pids = temp.resolve("pids");
        LocalTransport closing = newTransport(4);
        CompletableFuture<CommandResult> running = closing.execute(
                Requests.command("echo $$ > " + pids + "; sleep 30").stdin("x").build()).toCompletableFuture();
        CompletableFuture<CommandResult> queued = closing.execute(Requests.command("sleep 30").build()).toCompletableFuture();
        assertTrue(eventually(() -> Files.exists(pids) && pids.toFile().length() > 0), "the command did not start");

        long start = System.nanoTime();
        closing.close();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        CommandResult.Unreachable closed = new CommandResult.Unreachable(LocalTransport.CLOSED);
        assertEquals(closed, running.getNow(null));
        assertEquals(closed, queued.getNow(null));
        assertEquals(closed, closing.execute(Requests.command("echo late").build()).toCompletableFuture().getNow(null));
        assertTrue(elapsedMillis < 3000, "close took " + elapsedMillis + " ms");
        long shell = readPids(pids).get(0);
        assertTrue(eventually(() -> !isRunning(shell)), "the command survived close");
        assertEquals(List.of(), ioThreads());
    }

    private CommandResult run(Requests request) {
        return run(transport, request);
    }

    private static CommandResult run(LocalTransport on, Requests request) {
        try {
            return on.execute(request.build()).toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("command did not complete", e);
        }
    }

    private CommandResult.Completed completed(Requests request) {
        return completed(transport, request);
    }

    private static CommandResult.Completed completed(LocalTransport on, Requests request) {
        return assertInstanceOf(CommandResult.Completed.class, run(on, request));
    }

    private CommandResult.Unreachable unreachable(Requests request) {
        return assertInstanceOf(CommandResult.Unreachable.class, run(request));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<Long> readPids(Path file) throws IOException {
        return Arrays.stream(Files.readString(file).trim().split("\\s+")).map(Long::valueOf).toList();
    }

    /** Whether {@code pid} exists and is not a zombie (an orphan's zombie waits for init, which may not reap). */
    private static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            if ("No such process".equals(e.getMessage())) {
                return false; // it ended while its stat was being read
            }
            throw new AssertionError(e);
        }
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static List<String> ioThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("kompira-local-io-"))
                .toList();
    }
}
