package dev.kompira.core.transport;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A child started by {@link PosixSpawn}, as a {@link Process} so that {@link LocalTransport} waits
 * for it, kills it and finds its descendants as it does the JDK's; its pipes are served by
 * {@link #communicate} instead of streams. This class waits for it with {@code waitid} and
 * {@code waitpid}, and the JDK never does (it is not the JDK's child).
 *
 * <p>The child is not reaped until it is waited for: {@link #waitFor()} first waits without
 * reaping, then reaps and records the status under the object's monitor, and signals are sent
 * under the same monitor only while no status is recorded. A signal can therefore never reach
 * another process that was given the pid after this one.
 *
 * <p>Statuses are those of the JDK: the exit status, or 128 + <i>n</i> for a death by signal
 * <i>n</i>.
 *
 * <p>Thread-safety: thread-safe, except {@link #communicate}, which one thread calls once.
 */
final class SpawnedProcess extends Process {

    private static final int P_PID = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EPIPE = 32;
    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;
    private static final int POLLFD_SIZE = 8;
    private static final int CHUNK = 64 * 1024;
    private static final int SIGKILL = 9;
    private static final int SIGINFO_SIZE = 128;

    private final int pid;
    private final Object waiting = new Object();
    private Integer status; // guarded by this
    // The pipes' ends on this side, -1 once closed; confined to the thread that calls communicate().
    private int stdin;
    private int stdout;
    private int stderr;

    SpawnedProcess(int pid, int stdin, int stdout, int stderr) {
        this.pid = pid;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What the child wrote to standard output and standard error. */
    record Output(byte[] stdout, byte[] stderr) {
    }

    /**
     * Writes {@code input} to the child's standard input, then closes it, while reading standard
     * output and error to their ends, all from the calling thread: the pipes do not block on this
     * side and one {@code poll} waits for whichever is ready, so that no pipe can fill up and no
     * other thread has to be woken for every command. Input the child does not read is dropped
     * when it closes its end. Called once, by one thread.
     *
     * @throws IOException if a pipe cannot be read or polled (the pipes are closed all the same)
     */
    Output communicate(byte[] input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int written = 0;
        // freed when done (close) rather than by JNA's cleaner after a collection (see PosixSpawn.start)
        try (Memory fds = new Memory(3 * POLLFD_SIZE); Memory buffer = new Memory(CHUNK)) {
            if (input.length == 0) {
                stdin = close(stdin);
            }
            while (stdout >= 0 || stderr >= 0 || stdin >= 0) {
                pollFd(fds, 0, stdout, POLLIN);
                pollFd(fds, 1, stderr, POLLIN);
                pollFd(fds, 2, stdin, POLLOUT);
                if (LibC.poll(fds, 3, -1) < 0) {
                    expectedErrno("poll");
                    continue;
                }
                if (ready(fds, 0)) {
                    stdout = drain(stdout, buffer, out);
                }
                if (ready(fds, 1)) {
                    stderr = drain(stderr, buffer, err);
                }
                if (ready(fds, 2)) {
                    written = feed(input, written, buffer);
                }
            }
            return new Output(out.toByteArray(), err.toByteArray());
        } finally {
            stdin = close(stdin);
            stdout = close(stdout);
            stderr = close(stderr);
        }
    }

    private static void pollFd(Memory fds, int index, int fd, short events) {
        fds.setInt(index * POLLFD_SIZE, fd); // poll ignores a negative descriptor
        fds.setShort(index * POLLFD_SIZE + 4, events);
        fds.setShort(index * POLLFD_SIZE + 6, (short) 0);
    }

    private static boolean ready(Memory fds, int index) {
        return fds.getShort(index * POLLFD_SIZE + 6) != 0;
    }

    /** Reads what {@code fd} has into {@code into}; returns the descriptor, or -1 once it was at its end and closed. */
    private static int drain(int fd, Memory buffer, ByteArrayOutputStream into) throws IOException {
        while (true) {
            long count = LibC.read(fd, buffer, CHUNK);
            if (count > 0) {
                into.write(buffer.getByteArray(0, (int) count), 0, (int) count);
            } else if (count == 0) {
                return close(fd);
            } else if (expectedErrno("read") == EAGAIN) {
                return fd;
            }
        }
    }

    /**
     * Writes what the pipe takes of {@code input} from {@code from}; closes standard input once all
     * is written or the child closed its end. Returns how much is written.
     */
    private int feed(byte[] input, int from, Memory buffer) throws IOException {
        int next = from;
        while (next < input.length) {
            int length = Math.min(CHUNK, input.length - next);
            buffer.write(0, input, next, length);
            long count = LibC.write(stdin, buffer, length);
            if (count >= 0) {
                next += (int) count;
                continue;
            }
            int errno = expectedErrno("write");
            if (errno == EAGAIN) {
                return next;
            }
            if (errno == EPIPE) {
                break; // the command ended or closed its input without reading everything: not an error
            }
        }
        stdin = close(stdin);
        return next;
    }

    /**
     * Returns the failed call's {@code errno} if it is {@code EINTR} (the caller retries),
     * {@code EAGAIN} or {@code EPIPE} (the caller handles them); throws for any other.
     */
    private static int expectedErrno(String call) throws IOException {
        int errno = Native.getLastError();
        if (errno == EINTR || errno == EAGAIN || errno == EPIPE) {
            return errno;
        }
        throw new IOException(call + ": " + LibC.strerror(errno));
    }

    private static int close(int fd) {
        if (fd >= 0) {
            LibC.close(fd);
        }
        return -1;
    }

    /** Not available: the pipes are served by {@link #communicate}. */
    @Override
    public OutputStream getOutputStream() {
        throw new UnsupportedOperationException("the pipes of a spawned process are served by communicate()");
    }

    /** Not available: the pipes are served by {@link #communicate}. */
    @Override
    public InputStream getInputStream() {
        throw new UnsupportedOperationException("the pipes of a spawned process are served by communicate()");
    }

    /** Not available: the pipes are served by {@link #communicate}. */
    @Override
    public InputStream getErrorStream() {
        throw new UnsupportedOperationException("the pipes of a spawned process are served by communicate()");
    }

    @Override
    public long pid() {
        return pid;
    }

    /**
     * Blocks until the child has ended; the first caller reaps it, later ones get the same status.
     * Not interruptible (the wait is in the C library), which is why it declares no
     * {@link InterruptedException}: the transport kills the child rather than stop waiting for it.
     */
    @Override
    public int waitFor() {
        synchronized (waiting) {
            Integer known = recorded();
            if (known != null) {
                return known;
            }
            awaitExitWithoutReaping();
            return reap();
        }
    }

    private void awaitExitWithoutReaping() {
        try (Memory info = new Memory(SIGINFO_SIZE)) {
            while (LibC.waitid(P_PID, pid, info, WEXITED | WNOWAIT) != 0) {
                int errno = Native.getLastError();
                if (errno != EINTR) {
                    throw new UncheckedIOException(new IOException("cannot wait for process " + pid + ": "
                            + LibC.strerror(errno)));
                }
            }
        }
    }

    /** Reaps the child, which has ended, and records its status. */
    private synchronized int reap() {
        int[] raw = new int[1];
        while (LibC.waitpid(pid, raw, 0) < 0) {
            int errno = Native.getLastError();
            if (errno != EINTR) {
                throw new UncheckedIOException(new IOException("cannot reap process " + pid + ": "
                        + LibC.strerror(errno)));
            }
        }
        int value = raw[0];
        int signal = value & 0x7f;
        status = signal == 0 ? (value >> 8) & 0xff : 128 + signal;
        return status;
    }

    private synchronized Integer recorded() {
        return status;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        throw new UnsupportedOperationException("LocalTransport waits without a timeout; its timer kills instead");
    }

    @Override
    public int exitValue() {
        Integer known = recorded();
        if (known == null) {
            throw new IllegalThreadStateException("process " + pid + " has not been waited for");
        }
        return known;
    }

    /** Whether the child has not been reaped yet (an ended child counts as alive until {@link #waitFor()} returns). */
    @Override
    public boolean isAlive() {
        return recorded() == null;
    }

    /** Sends SIGKILL, as {@link #destroyForcibly()} does. */
    @Override
    public void destroy() {
        destroyForcibly();
    }

    @Override
    public synchronized Process destroyForcibly() {
        if (status == null) {
            LibC.kill(pid, SIGKILL);
        }
        return this;
    }

    /**
     * SIGKILLs the process group that the child leads (its session's). Once the child is reaped, the
     * group's remaining members keep its number from being given to another process, so the signal
     * still reaches only them.
     */
    synchronized void killGroup() {
        LibC.kill(-pid, SIGKILL);
    }

    /** A handle to look up descendants with; never used to wait, which is this class's job. */
    @Override
    public ProcessHandle toHandle() {
        return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
    }

    /** The child's descendants; none once it is gone. */
    @Override
    public Stream<ProcessHandle> descendants() {
        return ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants);
    }
}
