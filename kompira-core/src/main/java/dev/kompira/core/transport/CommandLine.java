package dev.kompira.core.transport;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Composes the command a transport runs from a {@link CommandRequest} (language.md §8.2.3, D68):
 * the argument vector and working directory of local execution, the exec string of SSH, the
 * standard input with the sudo password, the 112 KiB limit (D72) and the console line of D73.
 * This class is the only place that knows these rules, so that every transport runs a command the
 * same way.
 *
 * <p>Thread-safety: stateless; all methods may be called from any thread.
 */
public final class CommandLine {

    /** The largest command, in UTF-8 bytes, that may run (112 KiB, D72). */
    public static final int MAX_COMMAND_BYTES = 114_688;

    /** The sudo prefix of D68 rule 3: password from standard input, no prompt, end of options. */
    private static final List<String> SUDO = List.of("sudo", "-S", "-p", "", "--");

    private CommandLine() {
    }

    /**
     * How a command runs on the engine's own machine.
     *
     * <p>Thread-safety: immutable.
     *
     * @param argv      the program and its arguments, executed directly (no shell is added)
     * @param directory the working directory, or {@code null} for the engine's
     */
    public record Local(List<String> argv, String directory) {

        /** Copies {@code argv}, which must not be empty. */
        public Local {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("empty argument vector");
            }
        }
    }

    /**
     * A command that cannot be split into words (D68 rule 2), e.g. because of an unterminated
     * quote. Transports report it as a failure to run the command ({@code $STATUS = -1}).
     */
    public static final class SyntaxException extends Exception {

        private static final long serialVersionUID = 1L;

        /** Creates the exception with a message for {@code $ERROR}. */
        public SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Rejects contradictory control variables: {@code __dir__} together with {@code __sudo__ = true}
     * and {@code __use_shell__ = false} (§6.6).
     *
     * @throws JobflowError {@code R-CONTROL}
     */
    public static void checkControl(CommandRequest request) {
        if (hasDirectory(request) && request.sudo() && !request.useShell()) {
            throw new JobflowError(ErrorCode.R_CONTROL,
                    "__dir__ cannot be used with __sudo__ = true and __use_shell__ = false");
        }
    }

    /**
     * Checks the 112 KiB limit of D72 on {@code text} (a command as the jobflow wrote it, or a
     * script's text plus its arguments).
     *
     * @return the §14.4 message {@code command too long (N bytes; the limit is 114688)} if the text
     *         is longer than {@link #MAX_COMMAND_BYTES} in UTF-8, otherwise empty
     */
    public static Optional<String> tooLong(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_COMMAND_BYTES) {
            return Optional.empty();
        }
        return Optional.of("command too long (" + bytes + " bytes; the limit is " + MAX_COMMAND_BYTES + ")");
    }

    /**
     * Composes local execution (D68): with a shell, {@code [sudo...] shell -c text} where the text
     * starts with {@code cd <dir> && } if a directory is set; without a shell, {@code [sudo...]}
     * followed by the words of the command and the directory as working directory.
     *
     * @throws JobflowError     {@code R-CONTROL} (see {@link #checkControl})
     * @throws SyntaxException  if the command must be split into words and cannot be
     */
    public static Local local(CommandRequest request) throws SyntaxException {
        checkControl(request);
        List<String> argv = new ArrayList<>();
        if (request.sudo()) {
            argv.addAll(SUDO);
        }
        if (request.useShell()) {
            argv.addAll(List.of(request.shell(), "-c", shellText(request)));
            return new Local(argv, null);
        }
        List<String> words = split(request.command());
        if (words.isEmpty()) {
            throw new SyntaxException("empty command");
        }
        argv.addAll(words);
        return new Local(argv, hasDirectory(request) ? request.directory() : null);
    }

    /**
     * Composes the exec request of SSH (D68): with a shell, {@code [sudo -S -p '' -- ]shell -c '<text>'}
     * with the text (including {@code cd <dir> && }) single-quoted for the remote POSIX shell and the
     * shell name inserted verbatim; without a shell, the command (after {@code cd <dir> && }) unchanged
     * for the remote side to interpret.
     *
     * @throws JobflowError {@code R-CONTROL} (see {@link #checkControl})
     */
    public static String ssh(CommandRequest request) {
        checkControl(request);
        String sudo = request.sudo() ? "sudo -S -p '' -- " : "";
        if (request.useShell()) {
            return sudo + request.shell() + " -c " + quote(shellText(request));
        }
        return sudo + shellText(request);
    }

    /**
     * Returns the bytes to write to the command's standard input (D68 rule 3, D69): with sudo and
     * a password, the password encoded with the request's encoding and a line feed, then the
     * request's input.
     */
    public static byte[] standardInput(CommandRequest request) {
        String password = request.target().password();
        if (!request.sudo() || password == null) {
            return request.stdin();
        }
        byte[] prefix = (password + "\n").getBytes(request.encoding());
        byte[] input = new byte[prefix.length + request.stdin().length];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        System.arraycopy(request.stdin(), 0, input, prefix.length, request.stdin().length);
        return input;
    }

    /**
     * Returns the console line of the engine option <i>show commands</i> (D73):
     * {@code [user@host]$ command}, with {@code #} instead of {@code $} under sudo, the host
     * {@code localhost} and the engine's OS user when the target names none.
     */
    public static String consoleLine(Target target, boolean sudo, String command) {
        String user = target.user() != null ? target.user() : System.getProperty("user.name");
        String host = target.host() != null ? target.host() : "localhost";
        return "[" + user + "@" + host + "]" + (sudo ? "#" : "$") + " " + command;
    }

    /**
     * Splits {@code command} into words with the quoting rules of the POSIX shell: blanks and line
     * feeds separate words; a backslash keeps the next character (a backslash-newline disappears, a
     * final backslash stays); single quotes keep everything up to the next single quote; inside
     * double quotes a backslash escapes only {@code $ ` " \} and newline. Nothing is expanded,
     * operators such as {@code |} or {@code ;} are ordinary characters and {@code #} starts no
     * comment (as in Python's {@code shlex.split}).
     *
     * @throws SyntaxException on an unterminated quote
     */
    public static List<String> split(String command) throws SyntaxException {
        return new WordSplitter(command).words();
    }

    /** Returns {@code text} single-quoted for a POSIX shell ({@code '} becomes {@code '\''}). */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** The command text with {@code cd <dir> && } in front if a directory is set (D68 rules 1, 2). */
    private static String shellText(CommandRequest request) {
        return hasDirectory(request) ? "cd " + request.directory() + " && " + request.command() : request.command();
    }

    /** An empty directory counts as unset: inserted verbatim, {@code cd  && } would go to the home directory. */
    private static boolean hasDirectory(CommandRequest request) {
        return request.directory() != null && !request.directory().isEmpty();
    }

    /** One pass of POSIX word splitting over a command. Not thread-safe; used by one call. */
    private static final class WordSplitter {

        private final String text;
        private final List<String> words = new ArrayList<>();
        private final StringBuilder word = new StringBuilder();
        private boolean inWord;
        private int pos;

        WordSplitter(String text) {
            this.text = Objects.requireNonNull(text, "text");
        }

        List<String> words() throws SyntaxException {
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == ' ' || c == '\t' || c == '\n') {
                    endWord();
                } else if (c == '\\') {
                    backslash();
                } else if (c == '\'') {
                    singleQuoted();
                } else if (c == '"') {
                    doubleQuoted();
                } else {
                    append(c);
                }
            }
            endWord();
            return words;
        }

        private void backslash() {
            if (pos == text.length()) {
                append('\\');
            } else if (text.charAt(pos) == '\n') {
                pos++;
            } else {
                append(text.charAt(pos++));
            }
        }

        private void singleQuoted() throws SyntaxException {
            int end = text.indexOf('\'', pos);
            if (end < 0) {
                throw new SyntaxException("cannot split command into words: unterminated single quote");
            }
            inWord = true;
            word.append(text, pos, end);
            pos = end + 1;
        }

        private void doubleQuoted() throws SyntaxException {
            inWord = true;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return;
                }
                if (c == '\\' && pos < text.length() && "$`\"\\\n".indexOf(text.charAt(pos)) >= 0) {
                    char escaped = text.charAt(pos++);
                    if (escaped != '\n') {
                        word.append(escaped);
                    }
                } else {
                    word.append(c);
                }
            }
            throw new SyntaxException("cannot split command into words: unterminated double quote");
        }

        private void append(char c) {
            inWord = true;
            word.append(c);
        }

        private void endWord() {
            if (inWord) {
                words.add(word.toString());
                word.setLength(0);
                inWord = false;
            }
        }
    }
}
