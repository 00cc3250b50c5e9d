package dev.kompira.core.event;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.transport.InteractiveSession;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.Internal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The variable of a {@code session} block (language.md §9.9): {@code send(text)} writes to the
 * session's input; its output arrives as one message per line, without the line terminator, and a
 * partial line becomes a message of its own after {@value #PARTIAL_LINE_MILLIS} ms without more
 * output (D88), so that prompts can be waited for. After the session is closed, {@code send} is
 * {@code R-SESSION} and event jobs still receive the lines that arrived before. Thread-safe: output
 * arrives on the transport's threads, receivers run on carrier threads.
 */
@Internal
public final class SessionChannel implements Waitable, Attributed {

    /** How long a partial line waits for more output before it becomes a message (D88). */
    public static final long PARTIAL_LINE_MILLIS = 200;
    private static final Signature SEND = Signature.parse("send(text)");
    private static final AtomicLong NUMBERS = new AtomicLong();

    private final long number = NUMBERS.incrementAndGet();
    private final ChannelValue lines = new ChannelValue(-number);
    private final Charset encoding;
    private final CharsetDecoder decoder;
    private final ScheduledExecutorService timer;
    private final StringBuilder partial = new StringBuilder();
    /** Bytes of a character not complete yet; guarded by {@link #partial}. */
    private byte[] undecoded = new byte[0];
    private ScheduledFuture<?> flush;
    private volatile InteractiveSession session;
    private volatile boolean closed;

    /** A channel for a session whose text is in {@code encoding}; partial lines are flushed on {@code timer}. */
    public SessionChannel(Charset encoding, ScheduledExecutorService timer) {
        this.encoding = encoding;
        this.decoder = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.timer = timer;
    }

    /** Where the session's output goes. */
    public InteractiveSession.Output output() {
        return new InteractiveSession.Output() {
            @Override
            public void received(byte[] bytes) {
                accept(bytes);
            }

            @Override
            public void ended() {
                flushPartial(null);
            }
        };
    }

    /** Attaches the opened session. */
    public void attach(InteractiveSession opened) {
        this.session = opened;
    }

    /** Closes the session (idempotent); the lines received so far stay readable. */
    public void close() {
        closed = true;
        InteractiveSession open = session;
        if (open != null) {
            open.close();
        }
        flushPartial(null);
    }

    private void accept(byte[] bytes) {
        List<String> complete = new ArrayList<>();
        synchronized (partial) {
            ByteBuffer input = ByteBuffer.allocate(undecoded.length + bytes.length).put(undecoded).put(bytes).flip();
            CharBuffer text = CharBuffer.allocate(input.remaining() + 1);
            decoder.decode(input, text, false);
            // a character split between two chunks waits for the rest of its bytes
            undecoded = new byte[input.remaining()];
            input.get(undecoded);
            partial.append(text.flip());
            for (int end; (end = partial.indexOf("\n")) >= 0;) {
                String line = partial.substring(0, end);
                complete.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                partial.delete(0, end + 1);
            }
            if (flush != null) {
                flush.cancel(false);
            }
            if (partial.length() > 0) {
                String waiting = partial.toString();
                flush = timer.schedule(() -> flushPartial(waiting), PARTIAL_LINE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        complete.forEach(line -> lines.send(StringValue.of(line)));
    }

    /** Sends the partial line as a message if it is still {@code expected} (null: whatever it is). */
    private void flushPartial(String expected) {
        String line;
        synchronized (partial) {
            if (partial.length() == 0 || expected != null && !partial.toString().equals(expected)) {
                return;
            }
            line = partial.toString();
            partial.setLength(0);
        }
        lines.send(StringValue.of(line));
    }

    @Override
    public Value tryReceive(Guard guard, boolean peek) {
        Value received = lines.tryReceive(guard, peek);
        if (received == null && closed && lines.pending().isEmpty()) {
            throw new Closed("session is closed", true);
        }
        return received;
    }

    @Override
    public Registration listen(Runnable listener) {
        return lines.listen(listener);
    }

    @Override
    public Value attribute(String name) {
        switch (name) {
            case "data":
                // D89: the messages not received yet, in order
                return StringValue.of(String.join("\n", lines.pending().stream().map(Rendering::text).toList()));
            case "send":
                return new MethodValue(this, name);
            default:
                throw new JobflowError(ErrorCode.R_ATTRIBUTE, "SessionChannel has no property '" + name + "'");
        }
    }

    @Override
    public Value call(String name, Arguments arguments) {
        if (!name.equals("send")) {
            throw new JobflowError(ErrorCode.R_ATTRIBUTE, "SessionChannel has no method '" + name + "'");
        }
        String text = Rendering.text(SEND.bind(arguments).get("text"));
        InteractiveSession open = session;
        if (closed || open == null) {
            throw new JobflowError(ErrorCode.R_SESSION, "session is closed");
        }
        try {
            open.send(text.getBytes(encoding));
        } catch (IOException e) {
            throw new JobflowError(ErrorCode.R_SESSION, "cannot send to the session: " + e.getMessage());
        }
        return NullValue.NULL;
    }

    @Override
    public String typeName() {
        return "SessionChannel";
    }

    @Override
    public String text() {
        return "<session #" + number + ">";
    }

    @Override
    public String toString() {
        return text();
    }
}
