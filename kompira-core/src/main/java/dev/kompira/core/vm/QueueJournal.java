package dev.kompira.core.vm;

import dev.kompira.core.event.ChannelValue.Message;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The saving of one Channel object's queue for {@link ChannelQueues}: the newest version offered,
 * the newest saved, whether a write is under way, and the saved form of each queued message, so that
 * a message is encoded once however many writes it is part of.
 *
 * <p>Thread-safe: its monitor guards the versions, and one thread at a time writes. A change made
 * from inside a write (by the writing thread) does not wait for that write: the writer saves it next.
 */
final class QueueJournal {

    /** A version of the queue to save. */
    record Pending(long version, List<Message> queue, long lastId) {
    }

    /** The Channel object whose queue this is. */
    final long channelId;
    private Pending newest;
    private long saved;
    /** The thread writing, or null. */
    private Thread writer;
    /** Whether the writing thread offered a change while it wrote (from inside the store write). */
    private boolean changedByWriter;
    /** The saved form of each queued message, by message id; used by the writing thread only. */
    private Map<Long, Value> encodings = new HashMap<>();

    QueueJournal(long channelId) {
        this.channelId = channelId;
    }

    /** Offers {@code version} of the queue; an older version than one offered before is ignored. */
    synchronized void offer(long version, List<Message> queue, long lastId) {
        if (newest == null || version > newest.version()) {
            newest = new Pending(version, queue, lastId);
        }
    }

    /**
     * Returns once {@code version} or a later one is saved: waits while another thread writes, and
     * writes the newest version offered with {@code write} when none does. A write that throws saves
     * nothing; the exception goes to its thread's caller, and a waiting thread writes next.
     */
    void awaitSaved(long version, BiConsumer<QueueJournal, Pending> write) {
        Pending writing = claimWrite(version);
        while (writing != null) {
            boolean written = false;
            try {
                write.accept(this, writing);
                written = true;
            } finally {
                writing = release(written ? writing.version() : 0, written);
            }
        }
    }

    /** Encodes {@code queue} with {@code encoder}, reusing the encodings of messages saved before. */
    List<Value> encode(List<Message> queue, Function<Message, Value> encoder) {
        Map<Long, Value> next = new HashMap<>();
        List<Value> encoded = new ArrayList<>(queue.size());
        for (Message m : queue) {
            Value e = encodings.get(m.id());
            next.put(m.id(), e != null ? e : encoder.apply(m));
            encoded.add(next.get(m.id()));
        }
        encodings = next;
        return encoded;
    }

    /** Returns the version to write, or null when {@code version} got saved meanwhile. */
    private synchronized Pending claimWrite(long version) {
        if (writer == Thread.currentThread()) {
            // a change made by the write itself: waiting would wait for ourselves; the writer saves it next
            changedByWriter = true;
            return null;
        }
        boolean interrupted = false;
        while (saved < version && writer != null) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // the change is the caller's to see saved: keep waiting, keep the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (saved >= version) {
            return null;
        }
        writer = Thread.currentThread();
        return newest;
    }

    /**
     * Ends a write that saved {@code savedVersion}; returns the next version for the same thread to
     * write when the write itself changed the queue (and {@code again}), else null.
     */
    private synchronized Pending release(long savedVersion, boolean again) {
        saved = Math.max(saved, savedVersion);
        notifyAll();
        if (again && changedByWriter && newest.version() > saved) {
            changedByWriter = false;
            return newest;
        }
        changedByWriter = false;
        writer = null;
        return null;
    }
}
