package dev.kompira.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory Channel: methods and properties (objects.md §4.7), receiving with guards (language.md §8.5). */
class ChannelValueTest {

    private final ChannelValue channel = new ChannelValue(7);

    static StringValue s(String text) {
        return StringValue.of(text);
    }

    static IntegerValue i(long n) {
        return IntegerValue.of(n);
    }

    static Value call(ChannelValue receiver, String method, Value... args) {
        return Members.call(receiver, method, Arguments.of(args));
    }

    static long property(ChannelValue receiver, String name) {
        return ((IntegerValue) Members.attribute(receiver, name)).longValue();
    }

    static JobflowError fails(ErrorCode code, Runnable action) {
        JobflowError e = assertThrows(JobflowError.class, action::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private void sendAll(String... messages) {
        for (String m : messages) {
            channel.send(s(m));
        }
    }

    @Test
    void textFormTypeAndIdentity() {
        assertEquals("<channel #7>", Rendering.text(channel));
        assertEquals("[<channel #7>]", Rendering.nested(ArrayValue.of(channel)));
        assertEquals("Channel", channel.typeName());
        assertTrue(channel.truthy());
        assertTrue(Equality.equal(channel, channel));
        assertFalse(Equality.equal(channel, new ChannelValue(7)));
    }

    @Test
    void sendDeepCopiesAndReturnsNull() {
        ArrayValue inner = ArrayValue.of(i(2));
        ArrayValue message = ArrayValue.of(i(1), inner);
        assertSame(NullValue.NULL, call(channel, "send", message));
        inner.items().set(0, s("changed"));
        Value received = call(channel, "pop_message");
        assertEquals("[1, [2]]", Rendering.text(received));
        assertNotSame(message, received);
    }

    @Test
    void popAndPeekCountFromTheHeadOrTheEnd() {
        sendAll("a", "b", "c");
        assertEquals("[1, 'a']", Rendering.text(call(channel, "peek_message")));
        assertEquals("[3, 'c']", Rendering.text(call(channel, "peek_message", i(-1))));
        assertEquals(s("b"), call(channel, "pop_message", i(1)));
        assertEquals(2, property(channel, "message_count"));
        assertEquals(s("a"), call(channel, "pop_message"));
        assertEquals("[3, 'c']", Rendering.text(call(channel, "peek_message")));
        assertEquals(s("c"), call(channel, "pop_message", i(-1)));
        assertEquals(0, property(channel, "message_count"));
    }

    @Test
    void peekHandsOutACopyOfTheQueuedMessage() {
        channel.send(ArrayValue.of(i(1)));
        ArrayValue peeked = (ArrayValue) ((ArrayValue) call(channel, "peek_message")).get(1);
        peeked.items().add(i(2));
        assertEquals("[1]", Rendering.text(call(channel, "pop_message")));
    }

    @Test
    void popAndPeekErrors() {
        assertEquals("index 0 out of range (length 0)", fails(ErrorCode.R_INDEX, () -> call(channel, "pop_message")).getMessage());
        sendAll("a", "b");
        assertEquals("index 2 out of range (length 2)",
                fails(ErrorCode.R_INDEX, () -> call(channel, "peek_message", i(2))).getMessage());
        assertEquals("index -3 out of range (length 2)",
                fails(ErrorCode.R_INDEX, () -> call(channel, "pop_message", i(-3))).getMessage());
        assertEquals("expected Integer, got String", fails(ErrorCode.R_TYPE, () -> call(channel, "pop_message", s("0"))).getMessage());
        fails(ErrorCode.R_ARGUMENT, () -> call(channel, "peek_message", i(0), i(1)));
        assertEquals(2, property(channel, "message_count"));
    }

    @Test
    void messageIdsArePositiveIncreasingAndNeverReused() {
        sendAll("a", "b");
        call(channel, "pop_message");
        call(channel, "delete_message", i(2));
        call(channel, "clear_messages");
        channel.send(s("c"));
        assertEquals("[3, 'c']", Rendering.text(call(channel, "peek_message")));
    }

    @Test
    void deleteMessageRemovesAllTheIdsOrNone() {
        sendAll("a", "b", "c");
        assertSame(NullValue.NULL, call(channel, "delete_message", i(1), i(3)));
        assertEquals("[2, 'b']", Rendering.text(call(channel, "peek_message")));
        assertEquals("message id 99 not found",
                fails(ErrorCode.R_KEY, () -> call(channel, "delete_message", i(2), i(99))).getMessage());
        assertEquals(1, property(channel, "message_count"));
        fails(ErrorCode.R_KEY, () -> call(channel, "delete_message", i(1)));
        fails(ErrorCode.R_TYPE, () -> call(channel, "delete_message", s("2")));
        assertSame(NullValue.NULL, call(channel, "delete_message"));
        assertEquals(1, property(channel, "message_count"));
    }

    @Test
    void clearMessagesEmptiesTheQueue() {
        sendAll("a", "b");
        assertSame(NullValue.NULL, call(channel, "clear_messages"));
        assertEquals(0, property(channel, "message_count"));
        fails(ErrorCode.R_ARGUMENT, () -> call(channel, "clear_messages", i(1)));
    }

    @Test
    void attributesAreMethodsPropertiesOrAnError() {
        assertEquals(new MethodValue(channel, "send"), Members.attribute(channel, "send"));
        assertEquals(new MethodValue(channel, "delete_message"), Members.attribute(channel, "delete_message"));
        assertEquals(0, property(channel, "event_count"));
        assertEquals("Channel value has no attribute 'receive'",
                fails(ErrorCode.R_ATTRIBUTE, () -> Members.attribute(channel, "receive")).getMessage());
        fails(ErrorCode.R_ATTRIBUTE, () -> call(channel, "message_count"));
        fails(ErrorCode.R_SUBSCRIPT, () -> Members.subscript(channel, i(0)));
    }

    @Test
    void tryReceiveWithoutGuardTakesTheHead() {
        assertNull(channel.tryReceive(Guard.NONE, false));
        sendAll("a", "b");
        assertEquals(s("a"), channel.tryReceive(Guard.NONE, false));
        assertEquals("[2, 'b']", Rendering.text(channel.tryReceive(Guard.NONE, true)));
        assertEquals(1, property(channel, "message_count"));
    }

    @Test
    void headGuardLooksAtTheHeadOnly() {
        sendAll("noise", "READY 1");
        Guard ready = new Guard(Guard.Mode.HEAD, PatternValue.of(PatternKind.REGEX, "^READY", false));
        assertNull(channel.tryReceive(ready, false));
        assertNull(channel.tryReceive(ready, true));
        assertEquals(2, property(channel, "message_count"));
        call(channel, "pop_message");
        assertEquals(s("READY 1"), channel.tryReceive(ready, false));
    }

    @Test
    void scanGuardDiscardsTheMessagesBeforeTheFirstMatch() {
        sendAll("noise", "READY 42", "READY 43");
        Guard ready = new Guard(Guard.Mode.SCAN, PatternValue.of(PatternKind.REGEX, "^READY (\\d+)", false));
        assertEquals(s("READY 42"), channel.tryReceive(ready, false));
        assertEquals("[3, 'READY 43']", Rendering.text(call(channel, "peek_message")));
    }

    @Test
    void scanGuardWithoutMatchDiscardsNothingD78() {
        sendAll("a", "b");
        assertNull(channel.tryReceive(new Guard(Guard.Mode.SCAN, s("z")), false));
        assertEquals(2, property(channel, "message_count"));
    }

    @Test
    void scanGuardWithPeekRemovesTheMessagesBeforeAndKeepsTheMatch() {
        sendAll("a", "b", "c");
        assertEquals("[2, 'b']", Rendering.text(channel.tryReceive(new Guard(Guard.Mode.SCAN, s("b")), true)));
        assertEquals(2, property(channel, "message_count"));
        assertEquals("[2, 'b']", Rendering.text(call(channel, "peek_message")));
    }

    @Test
    void guardsMatchWithTheCaseRulesD77() {
        channel.send(i(42));
        assertNull(channel.tryReceive(new Guard(Guard.Mode.HEAD, s("4*")), false), "a String guard matches Strings only");
        assertEquals(i(42), channel.tryReceive(new Guard(Guard.Mode.HEAD, new FloatValue(42.0)), false));
        channel.send(s("task-1"));
        assertEquals(s("task-1"), channel.tryReceive(new Guard(Guard.Mode.HEAD, s("task-*")), false));
    }

    @Test
    void deletedChannelFailsReceivesAndSends() {
        sendAll("a");
        channel.close("channel deleted");
        channel.close("other reason");
        Waitable.Closed closed = assertThrows(Waitable.Closed.class, () -> channel.tryReceive(Guard.NONE, false));
        assertEquals("channel deleted", closed.getMessage());
        assertEquals(0, property(channel, "message_count"));
        assertThrows(Waitable.Closed.class, () -> channel.send(s("b")));
        assertEquals("send: channel deleted", fails(ErrorCode.R_CALL_FAILED, () -> call(channel, "send", s("b"))).getMessage());
        fails(ErrorCode.R_INDEX, () -> call(channel, "pop_message"));
    }

    @Test
    void listenersRunInRegistrationOrderAndMayLeaveDuringTheRound() {
        List<String> calls = new ArrayList<>();
        Waitable.Registration[] first = new Waitable.Registration[1];
        first[0] = channel.listen(() -> {
            calls.add("1");
            first[0].cancel();
        });
        channel.listen(() -> calls.add("2"));
        Waitable.Registration third = channel.listen(() -> calls.add("3"));
        channel.send(s("a"));
        assertEquals(List.of("1", "2", "3"), calls);
        third.cancel();
        third.cancel();
        channel.send(s("b"));
        assertEquals(List.of("1", "2", "3", "2"), calls);
    }

    @Test
    void aRoundStopsOnceTheQueueIsEmpty() {
        List<String> calls = new ArrayList<>();
        channel.listen(() -> {
            calls.add("taker");
            channel.tryReceive(Guard.NONE, false);
        });
        channel.listen(() -> calls.add("late"));
        channel.send(s("a"));
        assertEquals(List.of("taker"), calls);
    }

    @Test
    void aFailingListenerDoesNotStopTheRound() {
        List<String> calls = new ArrayList<>();
        channel.listen(() -> {
            throw new IllegalStateException("broken listener");
        });
        channel.listen(() -> calls.add("next"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> channel.send(s("a")));
        assertEquals("broken listener", e.getMessage());
        assertEquals(List.of("next"), calls);
        assertEquals(1, property(channel, "message_count"));
    }

    @Test
    void plainListenersAreNotWaitingReceivers() {
        Waitable.Registration r = channel.listen(() -> { });
        assertEquals(0, property(channel, "event_count"));
        r.cancel();
    }
}
