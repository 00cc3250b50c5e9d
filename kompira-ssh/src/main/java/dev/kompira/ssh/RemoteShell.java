package dev.kompira.ssh;

import dev.kompira.core.transport.InteractiveSession;
import dev.kompira.core.transport.SessionStreams;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * An interactive session over SSH (language.md §9.9, D87): a shell channel, with a pseudo-terminal
 * when asked, whose standard output and error are pumped to the session's output on stream threads;
 * closing it closes the channel and gives the connection back to the cache. Thread-safe.
 */
final class RemoteShell implements InteractiveSession {

    private final Session session;
    private final Session.Shell shell;
    private final OutputStream input;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RemoteShell(Session session, Session.Shell shell, Runnable release) {
        this.session = session;
        this.shell = shell;
        this.input = shell.getOutputStream();
        this.release = release;
    }

    /** Starts a shell on {@code connection}; {@code release} gives the connection back once the session is closed. */
    static RemoteShell start(Connections.Connection connection, boolean usePty, Output output, ExecutorService streams, Runnable release)
            throws IOException {
        Session session = connection.client.startSession();
        try {
            if (usePty) {
                session.allocateDefaultPTY();
            }
            Session.Shell shell = session.startShell();
            RemoteShell remote = new RemoteShell(session, shell, release);
            streams.execute(() -> SessionStreams.pump(shell.getErrorStream(), output, false));
            streams.execute(() -> SessionStreams.pump(shell.getInputStream(), output, true));
            return remote;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] bytes) throws IOException {
        input.write(bytes);
        input.flush();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            shell.close();
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // the channel is gone already
        } finally {
            release.run();
        }
    }
}
