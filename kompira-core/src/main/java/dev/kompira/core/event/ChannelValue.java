package dev.kompira.core.event;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.Copies;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Matching;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.Value;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The in-memory channel that {@code channel()} creates (language.md §4.15, objects.md §4.7): a
 * queue of messages that processes send to and wait on with event jobs (language.md §8.5, through
 * {@link EventWait}). Its text form is {@code <channel #n>} with the engine-wide creation number
 * (§5.1); two Channel values are equal only when they are the same channel (D41).
 *
 * <p>Jobflows use the methods {@code send(message)}, {@code pop_message(index=0)},
 * {@code peek_message(index=0)}, {@code delete_message(*msgid)}, {@code clear_messages()} and the
 * properties {@code message_count} and {@code event_count} (the number of waiting receivers).
 * Message ids are positive, increase per channel and are never reused.
 *
 * <p>Copies: a message is deep-copied when it is sent (§4.17). A receiver that removes it gets that
 * copy, which nobody else holds; whoever looks at a message without removing it (peek) gets a fresh
 * deep copy, so that changes to it never reach the queued message that later receivers get.
 *
 * <p>Deletion ({@link #close}): the queued messages are dropped, every waiter and every later
 * receive fails with {@link Waitable.Closed}, and {@code send} fails.
 *
 * <p>Thread-safe: one lock per channel guards the queue and the listeners. Listeners are notified
 * outside the lock, in registration order, so the receiver that has waited longest is tried first
 * (objects.md §4.7 delivery order); a notification round stops as soon as the queue is empty.
 */
public final class ChannelValue implements Waitable, Attributed {

    private static final Signature SEND = Signature.parse("send(message)");
    private static final Signature POP_MESSAGE = Signature.parse("pop_message(index=0)");
    private static final Signature PEEK_MESSAGE = Signature.parse("peek_message(index=0)");
    private static final Signature DELETE_MESSAGE = Signature.parse("delete_message(*msgid)");
    private static final Signature CLEAR_MESSAGES = Signature.parse("clear_messages()");
    private static final Set<String> METHODS =
            Set.of("send", "pop_message", "peek_message", "delete_message", "clear_messages");

    private static final AtomicIntegerFieldUpdater<ChannelValue> WAKE_REQUESTS =
            AtomicIntegerFieldUpdater.newUpdater(ChannelValue.class, "wakeRequests");

    private final long number;
    /** The Channel object whose queue this is, or 0 for a channel made by {@code channel()}. */
    private final long objectId;
    /** What a Channel object's queue is tied to (the store, the action), or Java null. */
    private final Backing backing;
    private final Object lock = new Object();

    /** Queued messages, oldest first; guarded by {@link #lock}. */
    private final ArrayDeque<Message> messages = new ArrayDeque<>();
    /** The id of the last message sent; guarded by {@link #lock}. */
    private long lastId;
    /** Live listeners in registration order (a doubly linked list); guarded by {@link #lock}. */
    private Node head;
    private Node tail;
    /** The registration number of the last listener; guarded by {@link #lock}. */
    private long lastSeq;
    /** Live listeners registered by event waits ({@code event_count}); guarded by {@link #lock}. */
    private int receivers;
    /** Why the channel was deleted, or Java null while it exists; guarded by {@link #lock}. */
    private String closed;
    /**
     * Failures reported by whatever fills the channel (a MailChannel's failed fetch), the last one's
     * text, and how many of them the listeners have been told about; guarded by {@link #lock}.
     */
    private long faults;
    private String lastFault;
    private long faultsNotified;
    /** Counts the changes of the queue, and the last one given to the backing; guarded by {@link #lock}. */
    private long version;
    private long journaled;

    /**
     * Notification requests: the thread that raises it from 0 runs notification rounds until no
     * request is left, so concurrent senders never run listeners in parallel rounds and a listener
     * that receives (and so asks for a round itself) does not recurse.
     */
    private volatile int wakeRequests;

    /** Creates an empty channel with its engine-wide creation number (the {@code n} of {@code <channel #n>}). */
    ChannelValue(long number) {
        this(number, 0, null);
    }

    /**
     * Returns an empty channel with creation number {@code number}. For the engine, which numbers its
     * channels: embedders get a channel from {@code Kompira.newChannel()}, because a number chosen
     * outside the engine could be one it already gave.
     */
    public static ChannelValue numbered(long number) {
        return new ChannelValue(number);
    }

    private ChannelValue(long number, long objectId, Backing backing) {
        this.number = number;
        this.objectId = objectId;
        this.backing = backing;
    }

    /** Creates the queue of the Channel object {@code objectId} (objects.md §4.7), numbered by the object id. */
    public static ChannelValue ofObject(long objectId) {
        return new ChannelValue(objectId, objectId, null);
    }

    /**
     * Creates the queue of the Channel object {@code objectId} holding the {@code saved} messages,
     * whose later changes go to {@code backing}; new message ids continue after {@code lastId}.
     */
    public static ChannelValue ofObject(long objectId, List<Message> saved, long lastId, Backing backing) {
        ChannelValue channel = new ChannelValue(objectId, objectId, Objects.requireNonNull(backing, "backing"));
        channel.messages.addAll(saved);
        channel.lastId = Math.max(lastId, saved.isEmpty() ? 0 : saved.get(saved.size() - 1).id());
        return channel;
    }

    /** Returns the id of the Channel object whose queue this is, or 0 for a channel made by {@code channel()}. Thread-safe. */
    public long objectId() {
        return objectId;
    }

    /** Returns the creation number; a channel restored from a checkpoint keeps it (D41). Thread-safe. */
    public long number() {
        return number;
    }

    /**
     * Sends a deep copy of {@code message} (§4.17) and notifies the waiters; on a Channel object
     * whose action takes messages nobody waits for, the action may take it instead. Thread-safe.
     *
     * @throws Waitable.Closed when the channel has been deleted
     */
    public void send(Value message) {
        Value copy = copy(message);
        boolean unclaimed;
        synchronized (lock) {
            if (closed != null) {
                throw new Closed(closed);
            }
            unclaimed = backing != null && receivers == 0;
        }
        if (unclaimed && backing.takeUnclaimed(this, copy)) {
            return;
        }
        synchronized (lock) {
            if (closed != null) {
                throw new Closed(closed);
            }
            messages.addLast(new Message(++lastId, copy));
            version++;
        }
        wake();
    }

    /** Returns the queued messages, oldest first, without receiving them. Thread-safe. */
    public List<Value> pending() {
        synchronized (lock) {
            return messages.stream().map(Message::value).toList();
        }
    }

    /** Drops every queued message ({@code clear_messages()}). Thread-safe. */
    public void clear() {
        synchronized (lock) {
            messages.clear();
            version++;
        }
        wake();
    }

    /**
     * Deletes the channel: drops the queued messages and makes every current and later receive fail
     * with {@link Waitable.Closed}{@code (reason)} (language.md §8.5: {@code $STATUS = -1}, {@code $ERROR} the
     * reason, normally {@code channel deleted}). Idempotent; the first reason stays. Thread-safe.
     */
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        synchronized (lock) {
            if (closed != null) {
                return;
            }
            closed = reason;
            messages.clear();
        }
        wake();
    }

    /**
     * Reports that filling the channel failed (a MailChannel's fetch, objects.md §4.20) and wakes the
     * listeners: waits with {@code detect_error=true} that began before it end with {@code $STATUS = -1}
     * and {@code error} (see {@link FaultWatch}); the others go on waiting. Thread-safe.
     */
    public void reportFault(String error) {
        Objects.requireNonNull(error, "error");
        synchronized (lock) {
            if (closed != null) {
                return;
            }
            faults++;
            lastFault = error;
        }
        wake();
    }

    /** Returns how many faults were reported so far. Thread-safe. */
    long faultCount() {
        synchronized (lock) {
            return faults;
        }
    }

    /** Returns the last fault if one was reported after the first {@code seen}, else Java null. Thread-safe. */
    String faultAfter(long seen) {
        synchronized (lock) {
            return faults > seen ? lastFault : null;
        }
    }

    /**
     * Receives the message the guard selects and notifies the other listeners, whose guard may now
     * match the new head of the queue. Thread-safe.
     */
    @Override
    public Value tryReceive(Guard guard, boolean peek) {
        Value received = receive(guard, peek);
        if (received != null) {
            wake();
        }
        return received;
    }

    /**
     * {@link #tryReceive} without notifying the other listeners: {@link EventWait} receives while
     * it holds its own lock, and calls {@link #wake} after releasing it.
     */
    Value receive(Guard guard, boolean peek) {
        synchronized (lock) {
            if (closed != null) {
                throw new Closed(closed);
            }
            Message selected = select(guard);
            if (selected == null) {
                return null;
            }
            if (peek) {
                return pair(selected);
            }
            messages.pollFirst();
            version++;
            return selected.value();
        }
    }

    /** Returns the message the guard selects, which is then the head: {@code ??} discards the messages before it. */
    private Message select(Guard guard) {
        Message first = messages.peekFirst();
        if (first == null || guard.mode() == Guard.Mode.NONE) {
            return first;
        }
        if (guard.mode() == Guard.Mode.HEAD) {
            return Matching.caseMatches(guard.pattern(), first.value()) ? first : null;
        }
        return scan(guard.pattern());
    }

    /** The {@code ??} rule: discards only once a match is found (D78). */
    private Message scan(Value pattern) {
        int before = 0;
        for (Message m : messages) {
            if (Matching.caseMatches(pattern, m.value())) {
                for (; before > 0; before--) {
                    messages.pollFirst();
                    version++;
                }
                return m;
            }
            before++;
        }
        return null;
    }

    /**
     * Registers a listener, notified after each change that may let a receive succeed (a send, a
     * removal that exposes a new head, the deletion). Thread-safe.
     */
    @Override
    public Registration listen(Runnable listener) {
        Node node = new Node(Objects.requireNonNull(listener, "listener"), listener instanceof EventWait.Wakeup);
        synchronized (lock) {
            link(node);
        }
        return node;
    }

    @Override
    public Value attribute(String name) {
        switch (name) {
            case "message_count":
                synchronized (lock) {
                    return IntegerValue.of(messages.size());
                }
            case "event_count":
                synchronized (lock) {
                    return IntegerValue.of(receivers);
                }
            default:
                if (METHODS.contains(name)) {
                    return new MethodValue(this, name);
                }
                throw noAttribute(name);
        }
    }

    @Override
    public Value call(String name, Arguments arguments) {
        switch (name) {
            case "send":
                return sendMethod(SEND.bind(arguments));
            case "pop_message":
                return popMessage(POP_MESSAGE.bind(arguments).get("index"));
            case "peek_message":
                return peekMessage(PEEK_MESSAGE.bind(arguments).get("index"));
            case "delete_message":
                return deleteMessages(DELETE_MESSAGE.bind(arguments).rest());
            case "clear_messages":
                CLEAR_MESSAGES.bind(arguments);
                clear();
                return NullValue.NULL;
            default:
                throw noAttribute(name);
        }
    }

    private Value sendMethod(Signature.Bound bound) {
        try {
            send(bound.get("message"));
        } catch (Closed deleted) {
            throw bound.fail(deleted.getMessage());
        }
        return NullValue.NULL;
    }

    private Value popMessage(Value index) {
        Message removed;
        synchronized (lock) {
            int position = position(index);
            Iterator<Message> it = messages.iterator();
            removed = advance(it, position);
            it.remove();
            version++;
        }
        wake();
        return removed.value();
    }

    private Value peekMessage(Value index) {
        synchronized (lock) {
            return pair(advance(messages.iterator(), position(index)));
        }
    }

    /** Deletes all the messages or none: an unknown id is {@code R-KEY} and leaves the queue as it was. */
    private Value deleteMessages(List<Value> ids) {
        long[] wanted = new long[ids.size()];
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = messageId(ids.get(i));
        }
        synchronized (lock) {
            for (int i = 0; i < wanted.length; i++) {
                if (!queued(wanted[i])) {
                    throw new JobflowError(ErrorCode.R_KEY, "message id " + Rendering.text(ids.get(i)) + " not found");
                }
            }
            messages.removeIf(m -> contains(wanted, m.id()));
            version++;
        }
        wake();
        return NullValue.NULL;
    }

    /** Returns an id as a long; an Integer beyond the long range becomes -1, which is never an id. */
    private static long messageId(Value id) {
        IntegerValue integer = integer(id);
        return integer.fitsLong() ? integer.longValue() : -1;
    }

    private boolean queued(long id) {
        for (Message m : messages) {
            if (m.id() == id) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(long[] ids, long id) {
        for (long candidate : ids) {
            if (candidate == id) {
                return true;
            }
        }
        return false;
    }

    /** Normalises an index into the queue (negative counts from the end); called with the lock held. */
    private int position(Value index) {
        IntegerValue i = integer(index);
        int length = messages.size();
        long n = i.fitsLong() ? i.longValue() : Long.MAX_VALUE;
        long p = n < 0 ? n + length : n;
        if (p < 0 || p >= length) {
            throw new JobflowError(ErrorCode.R_INDEX, "index " + i + " out of range (length " + length + ")");
        }
        return (int) p;
    }

    private static IntegerValue integer(Value v) {
        if (v instanceof IntegerValue i) {
            return i;
        }
        throw new JobflowError(ErrorCode.R_TYPE, "expected Integer, got " + v.typeName());
    }

    private static Message advance(Iterator<Message> it, int position) {
        Message m = it.next();
        for (int k = 0; k < position; k++) {
            m = it.next();
        }
        return m;
    }

    /** {@code [msgid, message]}, with a copy of the message that stays queued; called with the lock held. */
    private static ArrayValue pair(Message m) {
        return ArrayValue.of(IntegerValue.of(m.id()), copy(m.value()));
    }

    /** Deep-copies containers only: the other values are immutable or references, and the copier costs a map. */
    private static Value copy(Value v) {
        return v instanceof ArrayValue || v instanceof DictionaryValue ? Copies.deepCopy(v) : v;
    }

    private JobflowError noAttribute(String name) {
        return new JobflowError(ErrorCode.R_ATTRIBUTE, typeName() + " value has no attribute '" + name + "'");
    }

    /**
     * Notifies the listeners in registration order until the queue is empty (nobody can receive
     * anything then) or, once deleted, all of them. Concurrent requests are combined (see
     * {@link #wakeRequests}): the thread already notifying makes one more round for them, so under
     * a stream of sends from other threads it may notify for a while before it returns. A listener
     * that throws does not stop the round: the first failure is rethrown at the end.
     */
    void wake() {
        journal();
        if (WAKE_REQUESTS.getAndIncrement(this) != 0) {
            return;
        }
        RuntimeException failure = null;
        int missed = 1;
        do {
            failure = notifyRound(failure);
            missed = WAKE_REQUESTS.addAndGet(this, -missed);
        } while (missed != 0);
        if (failure != null) {
            throw failure;
        }
    }

    /** Gives the queue to the backing if it changed since the last time; outside the lock, as the backing writes a store. */
    private void journal() {
        if (backing == null) {
            return;
        }
        long current;
        List<Message> queue;
        long last;
        synchronized (lock) {
            if (journaled == version || closed != null) {
                return;
            }
            journaled = current = version;
            queue = List.copyOf(messages);
            last = lastId;
        }
        backing.queueChanged(this, current, queue, last);
    }

    private RuntimeException notifyRound(RuntimeException failure) {
        Node node;
        long faultsToNotify;
        synchronized (lock) {
            node = idle() ? null : head;
            faultsToNotify = faults;
        }
        while (node != null) {
            try {
                node.listener.run();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
            synchronized (lock) {
                node = idle() ? null : successor(node);
            }
        }
        synchronized (lock) {
            faultsNotified = Math.max(faultsNotified, faultsToNotify);
        }
        return failure;
    }

    /** Whether no listener can succeed now (nothing to receive, no fault to hear of); called with the lock held. */
    private boolean idle() {
        return closed == null && messages.isEmpty() && faultsNotified == faults;
    }

    private void link(Node node) {
        node.seq = ++lastSeq;
        node.prev = tail;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        node.linked = true;
        if (node.receiver) {
            receivers++;
        }
    }

    /** Unlinks {@code node}, keeping its {@code next} so that a round standing on it can go on. */
    private void unlink(Node node) {
        synchronized (lock) {
            if (!node.linked) {
                return;
            }
            node.linked = false;
            if (node.prev == null) {
                head = node.next;
            } else {
                node.prev.next = node.next;
            }
            if (node.next == null) {
                tail = node.prev;
            } else {
                node.next.prev = node.prev;
            }
            if (node.receiver) {
                receivers--;
            }
        }
    }

    /**
     * Returns the first live listener registered after {@code node}; called with the lock held.
     * An unlinked node's {@code next} was its successor when it left, and nothing is ever inserted
     * before the tail, so following the chain finds it; when the chain ends, the listeners
     * registered since are the ones after the last chain node, i.e. a suffix of the list.
     */
    private Node successor(Node node) {
        Node n = node.next;
        while (n != null && !n.linked) {
            n = n.next;
        }
        return n != null ? n : registeredAfter(node.seq);
    }

    private Node registeredAfter(long seq) {
        Node n = tail;
        if (n == null || n.seq <= seq) {
            return null;
        }
        while (n.prev != null && n.prev.seq > seq) {
            n = n.prev;
        }
        return n;
    }

    @Override
    public String typeName() {
        return "Channel";
    }

    @Override
    public String text() {
        return "<channel #" + number + ">";
    }

    @Override
    public String toString() {
        return text();
    }

    /** A queued message and its id. */
    public record Message(long id, Value value) {
    }

    /**
     * What the queue of a Channel object is tied to: the store that keeps it durable and the action
     * for messages nobody waits for (objects.md §4.7). Called outside the channel's lock.
     */
    public interface Backing {

        /**
         * The queue is now {@code queue} (oldest first); the last id given to a message is
         * {@code lastId}. Possibly called by several threads at once: a call whose {@code version}
         * is below one already kept must be ignored.
         */
        void queueChanged(ChannelValue channel, long version, List<Message> queue, long lastId);

        /** Takes {@code message}, sent while no receiver waits, and returns true; false queues it. */
        boolean takeUnclaimed(ChannelValue channel, Value message);
    }

    /** A listener in the list; it is its own registration handle. Fields other than the final ones are guarded by {@link #lock}. */
    private final class Node implements Registration {

        final Runnable listener;
        final boolean receiver;
        long seq;
        Node prev;
        Node next;
        boolean linked;

        Node(Runnable listener, boolean receiver) {
            this.listener = listener;
            this.receiver = receiver;
        }

        @Override
        public void cancel() {
            unlink(this);
        }
    }
}
