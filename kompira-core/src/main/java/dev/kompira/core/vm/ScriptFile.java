package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.transport.CommandRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The temporary file a ScriptJob runs from (language.md §8.2.4, D74): private to the engine's
 * user, executable, named with the script's extension, deleted when the script has ended.
 */
final class ScriptFile {

    /**
     * A script to run.
     *
     * @param text      the script text
     * @param extension the file name extension, or {@code ""}
     */
    record Script(String text, String extension) {
    }

    private final Path path;

    private ScriptFile(Path path) {
        this.path = path;
    }

    /**
     * Writes {@code script} to a new private executable file. Its first line is {@code #!interpreter}
     * or the shell interprets it; Windows line ends become Unix ones, because a {@code \r} after the
     * interpreter's name would make the kernel look for another program.
     */
    static ScriptFile write(Script script) {
        String extension = script.extension();
        try {
            Path file = Files.createTempFile("kompira-script-", extension.isEmpty() ? "" : "." + extension,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(file, script.text().replace("\r\n", "\n"), StandardCharsets.UTF_8);
            return new ScriptFile(file);
        } catch (IOException e) {
            throw new JobflowError(ErrorCode.R_EXEC, "cannot write the script to a temporary file: " + e.getMessage());
        }
    }

    /** Returns {@code request}, whose command holds the quoted arguments, running this file with them. */
    CommandRequest request(CommandRequest request) {
        String command = CommandLine.quote(path.toString()) + request.command();
        return new CommandRequest(request.target(), command, request.useShell(), request.shell(), request.directory(),
                request.sudo(), request.usePty(), request.useCache(), request.stdin(), request.timeout(), request.encoding());
    }

    /** Returns where the file is on the engine host. */
    Path path() {
        return path;
    }

    /** Removes the file; a file that cannot be removed is left for the system's temporary-file cleaning. */
    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // nothing else can be done: the job's outcome does not depend on it
        }
    }
}
