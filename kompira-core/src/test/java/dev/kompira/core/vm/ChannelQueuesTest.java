package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.store.MemoryStore;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The queues of Channel objects are kept in the store and outlive the engine (objects.md §4.7). */
class ChannelQueuesTest {

    private final MemoryStore store = new MemoryStore();

    @Test
    void queuedMessagesAndTheirIdsOutliveTheEngine() throws Exception {
        String updated = run("[box = ./.add('box', /system/types/Channel)] -> [u = box.updated] ->"
                + " [box.send: 'one'] -> [box.send: {n = 2, when = date('2024-05-01'), home = /system, again = [box]}] -> [box.send: 'three'] ->"
                + " [box.pop_message: -1] -> print(box.message_count, box.updated == u)");
        assertEquals("2 true\n", updated);

        assertEquals("[1, 'one'] [2, {n=2, when=2024-05-01, home=/system, again=[/box]}]\n",
                run("print(./box.peek_message(0), ./box.peek_message(1))"));
        assertEquals("one\n/system true\n4\n", run("<./box> -> print($RESULT) -> <./box> -> [m = $RESULT] ->"
                + " print(m.home, m.again[0] == ./box) -> [./box.send: 'four'] -> print(./box.peek_message()[0])"));
        assertEquals("0\n", run("[./box.delete_message: 4] -> print(./box.message_count)"));
        assertEquals("0\n", run("print(./box.message_count)"));
    }

    @Test
    void clearingAndDeletingEndTheQueue() throws Exception {
        run("[box = ./.add('box', /system/types/Channel)] -> [box.send: 1] -> [box.send: 2] -> [box.clear_messages]");
        assertEquals("0\n", run("print(./box.message_count) -> [./box.send: 3]"));
        assertEquals("1 3\n", run("print(./box.message_count, ./box.pop_message()) -> [./box.send: 4] -> [./box.delete]"
                + " -> [b = ./.add('box', /system/types/Channel)]"));
        assertEquals("0\n", run("print(./box.message_count)"));
    }

    @Test
    void writingNullToTheQueueEmptiesItAndOtherWritesAreRefused() throws Exception {
        assertEquals("0\ncannot update /box.message_queue: only null (which empties it) may be written;"
                + " use send, pop_message or delete_message\n",
                run("[box = ./.add('box', /system/types/Channel)] -> [box.send: 1] -> [null >> box['message_queue']] ->"
                        + " print(box.message_count) -> { try | [[b'x'] >> box.message_queue] } -> print($ERROR)"));
        assertEquals("0\n", run("print(./box.message_count)"));
    }

    @Test
    void aMessageNobodyWaitsForStartsTheActionTarget() throws Exception {
        String setup = "[./.add: 'reply', /system/types/Channel] ->"
                + " [./.add: 'handler', /system/types/Jobflow, {source = \"| msg | | suffix = '!' | [./reply.send: 'handled ' + msg + suffix]\"}] ->"
                + " [./.add: 'noparams', /system/types/Jobflow, {source = \"print('never')\"}] ->"
                + " [./.add: 'box', /system/types/Channel, {action_type = 'ExecuteJobflow', action_target = ./handler}] ->"
                + " [./.add: 'stuck', /system/types/Channel, {action_type = 'ExecuteJobflow', action_target = ./noparams}] ->";
        assertEquals("0\nhandled hello!\n1\n", run(setup + " [./box.send: 'hello'] -> print(./box.message_count) ->"
                + " <./reply> -> print($RESULT) -> [./stuck.send: 'kept'] -> print(./stuck.message_count)"));
    }

    /** Runs {@code flow} in a new engine on the shared store; returns its console. */
    private String run(String flow) throws Exception {
        StringBuilder out = new StringBuilder();
        try (Kompira engine = Kompira.builder().store(store).console((pid, text) -> {
            synchronized (out) {
                out.append(text);
            }
        }).build()) {
            ProcessOutcome outcome = engine.start(engine.compile("queue.kjf", flow), Map.of()).await(Duration.ofSeconds(30));
            assertEquals(ProcessState.DONE, outcome.state(), out + " " + outcome);
        }
        return out.toString();
    }
}
