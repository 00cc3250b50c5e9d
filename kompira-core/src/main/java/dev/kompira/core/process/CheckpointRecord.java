package dev.kompira.core.process;

import java.time.Instant;
import java.util.Objects;

/**
 * One process saved in a {@link CheckpointStore}, as {@link CheckpointStore#records()} lists it:
 * either its saved state or, when the store holds something for the pid that it cannot read back,
 * why not. The store does not look inside the state; whether a readable one is a process snapshot
 * its reader can use (its {@code "format"}, its JSON) is for that reader to say.
 *
 * @param pid     the pid of the saved process
 * @param name    the record's name in its store, for messages: for a {@link DirectoryCheckpointStore}
 *                the file name, {@code process-<pid>.json}
 * @param saved   when the record was last written
 * @param text    the saved state, or Java null when it cannot be read
 * @param problem why the record cannot be read (such as {@code not UTF-8 text}), or Java null when
 *                it can
 */
public record CheckpointRecord(long pid, String name, Instant saved, String text, String problem) {

    /** Checks that exactly one of {@code text} and {@code problem} is given. */
    public CheckpointRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(saved, "saved");
        if ((text == null) == (problem == null)) {
            throw new IllegalArgumentException("a checkpoint record has either its text or a problem: " + name);
        }
    }

    /** Returns a record whose state could be read. */
    public static CheckpointRecord readable(long pid, String name, Instant saved, String text) {
        return new CheckpointRecord(pid, name, saved, Objects.requireNonNull(text, "text"), null);
    }

    /** Returns a record that is there but cannot be read, and why. */
    public static CheckpointRecord unreadable(long pid, String name, Instant saved, String problem) {
        return new CheckpointRecord(pid, name, saved, null, Objects.requireNonNull(problem, "problem"));
    }

    /** Returns whether the saved state could be read ({@link #text()} is then not null). */
    public boolean isReadable() {
        return text != null;
    }
}
