package dev.kompira.core.transport;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An interactive session on the engine host (language.md §9.9, D87): the shell as a process with
 * standard error merged into standard output, read by a thread of its own while it lives (sessions
 * are few and long; the transport's I/O threads are kept for commands).
 */
final class LocalSession implements InteractiveSession {

    private final Process shell;
    private final OutputStream input;

    private LocalSession(Process shell) {
        this.shell = shell;
        this.input = shell.getOutputStream();
    }

    /** Starts {@code request}'s shell; its output goes to {@code output}. */
    static SessionOpening open(SessionRequest request, Output output) {
        Process shell;
        try {
            shell = new ProcessBuilder(request.shell()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new SessionOpening.Refused("cannot start " + request.shell() + ": " + e.getMessage());
        }
        LocalSession session = new LocalSession(shell);
        Thread reader = new Thread(() -> SessionStreams.pump(shell.getInputStream(), output, true), "kompira-local-session");
        reader.setDaemon(true);
        reader.start();
        return new SessionOpening.Opened(session);
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        input.write(bytes);
        input.flush();
    }

    @Override
    public void close() {
        shell.descendants().forEach(ProcessHandle::destroyForcibly);
        shell.destroyForcibly();
    }
}
