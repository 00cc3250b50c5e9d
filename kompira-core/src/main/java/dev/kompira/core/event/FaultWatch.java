package dev.kompira.core.event;

import dev.kompira.core.value.Value;

/**
 * A channel waited for with {@code detect_error=true} (language.md §8.5): besides its messages, the
 * wait ends with {@code $STATUS = -1} when a fault is reported on the channel after the wait began
 * ({@link ChannelValue#reportFault}), or at once when the source is already unusable ({@code standing},
 * e.g. a disabled MailChannel). Messages already queued are received first. Immutable and thread-safe.
 */
public final class FaultWatch implements Waitable {

    private final ChannelValue channel;
    private final long faultsSeen;
    private final String standing;

    private FaultWatch(ChannelValue channel, long faultsSeen, String standing) {
        this.channel = channel;
        this.faultsSeen = faultsSeen;
        this.standing = standing;
    }

    /**
     * Watches {@code channel} for the faults reported from now on.
     *
     * @param standing the fault that holds already and ends the wait at once, or Java null
     */
    public static FaultWatch of(ChannelValue channel, String standing) {
        return new FaultWatch(channel, channel.faultCount(), standing);
    }

    /** Returns the watched channel, which is what a list source shows in {@code $RESULT}. */
    public ChannelValue channel() {
        return channel;
    }

    /** {@link ChannelValue#receive} (no notification, see {@link EventWait}), then the faults. */
    Value receive(Guard guard, boolean peek) {
        Value received = channel.receive(guard, peek);
        if (received != null) {
            return received;
        }
        String fault = standing != null ? standing : channel.faultAfter(faultsSeen);
        if (fault != null) {
            throw new Closed(fault);
        }
        return null;
    }

    @Override
    public Value tryReceive(Guard guard, boolean peek) {
        Value received = receive(guard, peek);
        if (received != null) {
            channel.wake();
        }
        return received;
    }

    @Override
    public Registration listen(Runnable listener) {
        return channel.listen(listener);
    }

    @Override
    public String typeName() {
        return channel.typeName();
    }

    @Override
    public String text() {
        return channel.text();
    }

    @Override
    public String toString() {
        return "detect_error on " + channel;
    }
}
