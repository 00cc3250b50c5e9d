package dev.kompira.core.transport;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a program in a session of its own with glibc's {@code posix_spawn} and
 * {@code POSIX_SPAWN_SETSID}, through JNA: what {@code setsid PROGRAM} does, without the exec of
 * {@code setsid} that costs as much as the command's own exec (J264). The child gets three fresh
 * pipes as standard input, output and error (this side's ends do not block:
 * {@link SpawnedProcess#communicate} serves all three from one thread), every other descriptor closed
 * ({@code posix_spawn_file_actions_addclosefrom_np}), an empty signal mask and default dispositions
 * for the signals the JVM may ignore, the working directory if one is given
 * ({@code posix_spawn_file_actions_addchdir_np}), and the JVM's environment.
 *
 * <p>Available on Linux with glibc 2.34 or later ({@link #available()}); {@link LocalTransport}
 * falls back to {@link ProcessBuilder} and the {@code setsid} program elsewhere.
 *
 * <p>Thread-safety: thread-safe; the library is loaded once, on first use.
 */
final class PosixSpawn {

    private static final Logger LOG = LoggerFactory.getLogger(PosixSpawn.class);

    private static final int O_CLOEXEC = 0x80000;
    private static final int O_NONBLOCK = 0x800;
    private static final int F_SETFL = 4;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int ENOEXEC = 8;
    private static final String SH = "/bin/sh";
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    /** Signals whose disposition the child gets back as default, as Python's {@code restore_signals} does. */
    private static final int[] RESTORED_SIGNALS = {1 /* HUP */, 2 /* INT */, 3 /* QUIT */, 13 /* PIPE */, 15 /* TERM */, 25 /* XFSZ */};
    /** Generous sizes for glibc's opaque types on 64-bit Linux (80, 336 and 128 bytes). */
    private static final int FILE_ACTIONS_SIZE = 256;
    private static final int ATTR_SIZE = 512;
    private static final int SIGSET_SIZE = 128;

    private static final boolean AVAILABLE = load();

    private PosixSpawn() {
    }

    /** Whether {@link #spawn} can be used here. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Starts {@code program} with {@code argv} in its own session, in {@code directory} (or the
     * JVM's), connected to three new pipes.
     *
     * @param program the executable file (found beforehand: {@link LocalTransport#findProgram})
     * @throws IOException if the pipes cannot be made or the spawn fails (for example
     *         {@code E2BIG}), with the C library's message
     */
    static SpawnedProcess spawn(Path program, List<String> argv, Path directory) throws IOException {
        int[] in = pipe(1);
        int[] out = null;
        int[] err = null;
        try {
            out = pipe(0);
            err = pipe(0);
            int pid = start(program, argv, directory, in[0], out[1], err[1]);
            SpawnedProcess started = new SpawnedProcess(pid, in[1], out[0], err[0]);
            in[1] = -1;
            out[0] = -1;
            err[0] = -1;
            return started;
        } finally {
            closeAll(in, out, err);
        }
    }

    // The native memory of a spawn is freed when it is done (close), not left to JNA's cleaner after a
    // collection: a command a few milliseconds long would otherwise grow and trim the C heap every time.
    private static int start(Path program, List<String> argv, Path directory, int stdin, int stdout, int stderr)
            throws IOException {
        try (Memory actions = new Memory(FILE_ACTIONS_SIZE); Memory attr = new Memory(ATTR_SIZE)) {
            check(LibC.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            try {
                check(LibC.posix_spawnattr_init(attr), "posix_spawnattr_init");
                try {
                    addFileActions(actions, stdin, stdout, stderr, directory);
                    setSignals(attr);
                    check(LibC.posix_spawnattr_setflags(attr,
                            (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)), "setflags");
                    return spawn(program, argv, actions, attr);
                } finally {
                    LibC.posix_spawnattr_destroy(attr);
                }
            } finally {
                LibC.posix_spawn_file_actions_destroy(actions);
            }
        }
    }

    private static void addFileActions(Memory actions, int stdin, int stdout, int stderr, Path directory) throws IOException {
        check(LibC.posix_spawn_file_actions_adddup2(actions, stdin, 0), "adddup2");
        check(LibC.posix_spawn_file_actions_adddup2(actions, stdout, 1), "adddup2");
        check(LibC.posix_spawn_file_actions_adddup2(actions, stderr, 2), "adddup2");
        check(LibC.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np");
        if (directory != null) {
            check(LibC.posix_spawn_file_actions_addchdir_np(actions, directory.toString()), "addchdir_np");
        }
    }

    /** Calls {@code posix_spawn}; a file that is not an executable format runs through {@code /bin/sh}. Returns the pid. */
    private static int spawn(Path program, List<String> argv, Memory actions, Memory attr) throws IOException {
        int[] pid = new int[1];
        int error;
        try (StringArray args = new StringArray(argv.toArray(String[]::new))) {
            error = LibC.posix_spawn(pid, program.toString(), actions, attr, args, environment());
        }
        if (error == ENOEXEC) {
            try (StringArray args = new StringArray(shArgv(program, argv))) {
                error = LibC.posix_spawn(pid, SH, actions, attr, args, environment());
            }
        }
        if (error != 0) {
            throw new IOException("cannot run program '" + argv.get(0) + "': " + LibC.strerror(error));
        }
        return pid[0];
    }

    /**
     * What {@code execvp} runs for a file that is not an executable format (a script without an
     * interpreter line): {@code /bin/sh FILE ARGS...}, as the JDK's start and {@code setsid} do.
     */
    private static String[] shArgv(Path program, List<String> argv) {
        List<String> sh = new ArrayList<>();
        sh.add(SH);
        sh.add(program.toString());
        sh.addAll(argv.subList(1, argv.size()));
        return sh.toArray(String[]::new);
    }

    private static void setSignals(Memory attr) throws IOException {
        check(LibC.posix_spawnattr_setsigmask(attr, SpawnInputs.NONE), "setsigmask");
        check(LibC.posix_spawnattr_setsigdefault(attr, SpawnInputs.RESTORED), "setsigdefault");
    }

    /**
     * What every spawn passes that can be made once: the signal sets (never written again) and the
     * address of {@code environ}; made on first use, after the library is known to load.
     */
    private static final class SpawnInputs {
        static final Pointer ENVIRON = NativeLibrary.getInstance("c").getGlobalVariableAddress("environ");
        static final Memory NONE = set();
        static final Memory RESTORED = set(RESTORED_SIGNALS);

        private static Memory set(int... signals) {
            Memory set = new Memory(SIGSET_SIZE);
            LibC.sigemptyset(set);
            for (int signal : signals) {
                LibC.sigaddset(set, signal);
            }
            return set;
        }
    }

    /** The JVM's environment as the C library holds it now ({@code environ}, whose address never changes). */
    private static Pointer environment() {
        return SpawnInputs.ENVIRON.getPointer(0);
    }

    /**
     * A pipe whose ends are closed on exec and not among the standard descriptors, and whose end
     * {@code nonBlocking} (0 to read, 1 to write) does not block: the end this side polls.
     */
    private static int[] pipe(int nonBlocking) throws IOException {
        int[] fds = new int[2];
        if (LibC.pipe2(fds, O_CLOEXEC) != 0) {
            throw new IOException("cannot make a pipe: " + LibC.strerror(Native.getLastError()));
        }
        try {
            fds[0] = aboveStandard(fds[0]);
            fds[1] = aboveStandard(fds[1]);
            if (LibC.fcntl(fds[nonBlocking], F_SETFL, O_NONBLOCK) != 0) {
                throw new IOException("cannot make a pipe: " + LibC.strerror(Native.getLastError()));
            }
            return fds;
        } catch (IOException e) {
            closeAll(fds);
            throw e;
        }
    }

    /**
     * {@code fd}, or a copy of it numbered 3 or more when it is a standard descriptor, which the JVM
     * gets for a pipe when it was started with that descriptor closed: the child's {@code dup2} onto
     * the same number would keep it closed on exec.
     */
    private static int aboveStandard(int fd) throws IOException {
        if (fd > 2) {
            return fd;
        }
        int copy = LibC.fcntl(fd, F_DUPFD_CLOEXEC, 3);
        if (copy < 0) {
            throw new IOException("cannot make a pipe: " + LibC.strerror(Native.getLastError())); // fd stays the caller's to close
        }
        LibC.close(fd);
        return copy;
    }

    /** Closes the descriptors of {@code pipes} that were not handed over or closed (those not -1). */
    private static void closeAll(int[]... pipes) {
        for (int[] pipe : pipes) {
            if (pipe != null) {
                for (int fd : pipe) {
                    if (fd >= 0) {
                        LibC.close(fd);
                    }
                }
            }
        }
    }

    private static void check(int error, String function) throws IOException {
        if (error != 0) {
            throw new IOException("cannot prepare the command's start: " + function + ": " + LibC.strerror(error));
        }
    }

    private static boolean load() {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return false;
        }
        try {
            return LibC.registered();
        } catch (LinkageError e) {
            // Also glibc before 2.34, without posix_spawn_file_actions_addclosefrom_np: the child would inherit descriptors.
            LOG.debug("posix_spawn through JNA is not available, local commands start through setsid: {}", e.toString());
            return false;
        }
    }
}
