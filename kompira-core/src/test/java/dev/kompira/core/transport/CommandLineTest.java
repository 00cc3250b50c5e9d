package dev.kompira.core.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The composition rules of D68, the word splitting, quoting and the 112 KiB limit of D72. */
class CommandLineTest {

    private static final Target WEB = new Target("ssh", "web01", 0, "deploy", "s3cret", null, null);

    @Test
    void shellCommandRunsAsShellDashC() throws Exception {
        CommandLine.Local line = CommandLine.local(Requests.command("ls -l | wc -l").build());

        assertEquals(List.of("/bin/bash", "-c", "ls -l | wc -l"), line.argv());
        assertNull(line.directory());
    }

    @Test
    void shellCommandWithDirectoryStartsWithCdVerbatim() throws Exception {
        CommandLine.Local line = CommandLine.local(Requests.command("ls").directory("dir\\(1\\)").shell("/bin/sh").build());

        assertEquals(List.of("/bin/sh", "-c", "cd dir\\(1\\) && ls"), line.argv());
        assertNull(line.directory(), "with a shell the directory is in the text, not the working directory");
    }

    @Test
    void emptyDirectoryCountsAsUnset() throws Exception {
        CommandLine.Local line = CommandLine.local(Requests.command("ls").directory("").build());

        assertEquals(List.of("/bin/bash", "-c", "ls"), line.argv());
    }

    @Test
    void wordsWithoutShellUseTheDirectoryAsWorkingDirectory() throws Exception {
        CommandLine.Local line = CommandLine.local(Requests.command("printf '%s|' 'a b' \"c d\" e\\ f").noShell()
                .directory("/tmp").build());

        assertEquals(List.of("printf", "%s|", "a b", "c d", "e f"), line.argv());
        assertEquals("/tmp", line.directory());
    }

    @Test
    void sudoComesBeforeTheShell() throws Exception {
        CommandLine.Local line = CommandLine.local(Requests.command("id -u").sudo().directory("/srv").build());

        assertEquals(List.of("sudo", "-S", "-p", "", "--", "/bin/bash", "-c", "cd /srv && id -u"), line.argv());
    }

    @Test
    void sudoComesBeforeTheWords() throws Exception {
        CommandLine.Local line = CommandLine.local(Requests.command("systemctl restart nginx").sudo().noShell().build());

        assertEquals(List.of("sudo", "-S", "-p", "", "--", "systemctl", "restart", "nginx"), line.argv());
    }

    @Test
    void directoryWithSudoAndNoShellIsRControl() {
        CommandRequest request = Requests.command("ls").sudo().noShell().directory("/tmp").build();

        JobflowError local = assertThrows(JobflowError.class, () -> CommandLine.local(request));
        JobflowError ssh = assertThrows(JobflowError.class, () -> CommandLine.ssh(request));

        assertEquals(ErrorCode.R_CONTROL, local.code());
        assertEquals("__dir__ cannot be used with __sudo__ = true and __use_shell__ = false", local.getMessage());
        assertEquals(ErrorCode.R_CONTROL, ssh.code());
    }

    @Test
    void emptyCommandWithoutShellCannotBeSplit() {
        CommandRequest request = Requests.command("  \n ").noShell().build();

        assertThrows(CommandLine.SyntaxException.class, () -> CommandLine.local(request));
    }

    static Stream<Arguments> posixWords() {
        return Stream.of(
                Arguments.of("a b\tc\nd", List.of("a", "b", "c", "d")),
                Arguments.of("  'a  b' c  ", List.of("a  b", "c")),
                Arguments.of("\"a \\\"q\\\" b\"", List.of("a \"q\" b")),
                Arguments.of("\"\\$x \\` \\\\ \\n\"", List.of("$x ` \\ \\n")),
                Arguments.of("'\\n' \\n", List.of("\\n", "n")),
                Arguments.of("a\\ b \\'c", List.of("a b", "'c")),
                Arguments.of("'' \"\"", List.of("", "")),
                Arguments.of("x''y \"a\"'b'c", List.of("xy", "abc")),
                Arguments.of("a|b;c>d \\$HOME #x", List.of("a|b;c>d", "$HOME", "#x")),
                Arguments.of("end\\", List.of("end\\")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posixWords")
    void splitsLikeAPosixShell(String command, List<String> words) throws Exception {
        assertEquals(words, CommandLine.split(command));
    }

    @Test
    void backslashNewlineJoinsLines() throws Exception {
        assertEquals(List.of("ab", "cd"), CommandLine.split("a\\\nb \"c\\\nd\""));
    }

    @Test
    void unterminatedQuotesAreReported() {
        CommandLine.SyntaxException single = assertThrows(CommandLine.SyntaxException.class,
                () -> CommandLine.split("echo 'abc"));
        CommandLine.SyntaxException dbl = assertThrows(CommandLine.SyntaxException.class,
                () -> CommandLine.split("echo \"abc\\\""));

        assertTrue(single.getMessage().contains("unterminated single quote"), single.getMessage());
        assertTrue(dbl.getMessage().contains("unterminated double quote"), dbl.getMessage());
    }

    @Test
    void quoteSingleQuotesForAPosixShell() {
        assertEquals("'it'\\''s $HOME'", CommandLine.quote("it's $HOME"));
        assertEquals("''", CommandLine.quote(""));
    }

    @Test
    void sshWithShellQuotesTheText() {
        String exec = CommandLine.ssh(Requests.command("echo 'hi'").target(WEB).directory("/var/log").build());

        assertEquals("/bin/bash -c 'cd /var/log && echo '\\''hi'\\'''", exec);
    }

    @Test
    void sshWithSudoPrefixesTheShell() {
        String exec = CommandLine.ssh(Requests.command("id").target(WEB).sudo().build());

        assertEquals("sudo -S -p '' -- /bin/bash -c 'id'", exec);
    }

    @Test
    void sshWithoutShellSendsTheCommandUnchanged() {
        assertEquals("cd /tmp && show run | inc x",
                CommandLine.ssh(Requests.command("show run | inc x").target(WEB).noShell().directory("/tmp").build()));
        assertEquals("sudo -S -p '' -- show 'x'",
                CommandLine.ssh(Requests.command("show 'x'").target(WEB).noShell().sudo().build()));
    }

    @Test
    void limitIs114688Utf8Bytes() {
        String atLimit = "x".repeat(CommandLine.MAX_COMMAND_BYTES);
        String multiByte = "\u3042".repeat(CommandLine.MAX_COMMAND_BYTES / 3 + 1); // 3 bytes each in UTF-8

        assertEquals(Optional.empty(), CommandLine.tooLong(atLimit));
        assertEquals(Optional.of("command too long (114689 bytes; the limit is 114688)"), CommandLine.tooLong(atLimit + "y"));
        assertEquals(Optional.of("command too long (114690 bytes; the limit is 114688)"), CommandLine.tooLong(multiByte));
    }

    @Test
    void sudoPasswordPrecedesTheInput() {
        byte[] input = CommandLine.standardInput(Requests.command("cat").target(WEB).sudo().stdin("data").build());

        assertArrayEquals("s3cret\ndata".getBytes(StandardCharsets.UTF_8), input);
    }

    @Test
    void inputIsUnchangedWithoutSudoOrPassword() {
        byte[] data = {1, 2, 3};

        assertArrayEquals(data, CommandLine.standardInput(Requests.command("cat").target(WEB).stdin(data).build()));
        assertArrayEquals(data, CommandLine.standardInput(Requests.command("cat").sudo().stdin(data).build()));
    }

    @Test
    void consoleLineShowsUserHostAndSudoMark() {
        assertEquals("[deploy@web01]# systemctl restart nginx", CommandLine.consoleLine(WEB, true, "systemctl restart nginx"));
        assertEquals("[" + System.getProperty("user.name") + "@localhost]$ ls", CommandLine.consoleLine(Target.LOCAL, false, "ls"));
    }
}
