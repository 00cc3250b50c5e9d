package dev.kompira.core.transport;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;

/**
 * The C library functions that {@link PosixSpawn} and {@link SpawnedProcess} call, bound with JNA's
 * direct mapping: a call costs a JNI call, with none of the reflection of an interface mapping,
 * which matters at a few dozen calls per command. Every function is in glibc 2.34 and later; the
 * class fails to initialise (a {@link LinkageError}) where one is missing. After a failed call,
 * {@link Native#getLastError()} gives {@code errno}.
 *
 * <p>Types are those of 64-bit Linux: {@code size_t} and {@code ssize_t} are {@code long}.
 *
 * <p>Thread-safety: as the C functions: all are safe to call from any thread.
 */
final class LibC {

    static {
        Native.register("c");
    }

    private LibC() {
    }

    /** Forces the registration above; throws a {@link LinkageError} if it failed. */
    static boolean registered() {
        return true;
    }

    static native int pipe2(int[] fds, int flags);

    static native int close(int fd);

    static native int fcntl(int fd, int command, int argument);

    static native long read(int fd, Pointer buffer, long count);

    static native long write(int fd, Pointer buffer, long count);

    static native int poll(Pointer fds, int count, int timeoutMillis);

    static native int posix_spawn_file_actions_init(Pointer actions);

    static native int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

    static native int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int lowFd);

    static native int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

    static native int posix_spawn_file_actions_destroy(Pointer actions);

    static native int posix_spawnattr_init(Pointer attr);

    static native int posix_spawnattr_setflags(Pointer attr, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attr, Pointer mask);

    static native int posix_spawnattr_setsigdefault(Pointer attr, Pointer signals);

    static native int posix_spawnattr_destroy(Pointer attr);

    static native int sigemptyset(Pointer set);

    static native int sigaddset(Pointer set, int signal);

    static native int posix_spawn(int[] pid, String path, Pointer actions, Pointer attr, StringArray argv, Pointer envp);

    static native int waitid(int idType, int id, Pointer info, int options);

    static native int waitpid(int pid, int[] status, int options);

    static native int kill(int pid, int signal);

    static native String strerror(int errno);
}
