package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.event.SessionChannel;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.value.Rendering;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** {@code session} blocks on the engine host (language.md §9.9, D87–D89): a local shell. */
class SessionBlockTest {

    private static String run(String flow) throws Exception {
        StringBuilder console = new StringBuilder();
        try (Kompira engine = Kompira.builder().console((pid, text) -> console.append(text)).build()) {
            ProcessOutcome outcome = engine.start(engine.compile("session.kjf", flow), Map.of()).await();
            assertTrue(outcome.isDone(), outcome + "\n" + console);
        }
        return console.toString();
    }

    @Test
    void linesArriveAsMessagesAndAPromptWithoutALineFeedArrivesAfterAPause() throws Exception {
        assertEquals("got: hello\nprompt seen: prompt> \nstatus=0\n", run(String.join("\n",
                "{ session sh |",
                "    [sh.send: 'echo hello\\n'] -> <sh> -> print('got: $RESULT') ->",
                "    [sh.send: 'printf \"prompt> \"\\n'] -> <sh ?? 'prompt> '> -> print('prompt seen: $RESULT') ->",
                "    [sh.send: 'exit\\n']",
                "} -> print('status=$STATUS')")));
    }

    @Test
    void unreadLinesAreTheDataOfTheChannelAfterTheBlock() throws Exception {
        assertEquals("unread: a\nb\n", run(String.join("\n",
                "{ session sh | [sh.send: 'echo a; echo b\\n'] -> sleep(0.5) } -> print('unread: ' + $RESULT.data)")));
    }

    @Test
    void breakClosesTheSessionAndSendingAfterwardsIsASessionError() throws Exception {
        assertEquals("ended normally\nsession is closed\n", run(String.join("\n",
                "[kept = null] ->",
                "{ session sh | [kept = sh] -> break -> print('never') } -> print('ended normally') ->",
                "{ try | [kept.send: 'echo again\\n'] } -> print($ERROR)")));
    }

    @Test
    void aSessionInsideASessionIsAnError() throws Exception {
        assertEquals("session already open in this process\n", run(String.join("\n",
                "{ try | { session a | { session b | print('never') } } } -> print($ERROR)")));
    }

    @Test
    void afterTheSessionClosedItsLinesCanStillBeReadAndThenWaitingIsASessionError() throws Exception {
        assertEquals("left: last\nR-SESSION: session is closed\n", run(String.join("\n",
                "[kept = null] ->",
                "{ session sh | [kept = sh] -> [sh.send: 'echo last\\n'] -> sleep(0.5) } ->",
                "<kept> -> print('left: $RESULT') ->",
                "{ try | <kept> } -> print('R-SESSION: $ERROR')")));
    }

    @Test
    void aCharacterSplitBetweenTwoChunksOfOutputArrivesWhole() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            SessionChannel channel = new SessionChannel(StandardCharsets.UTF_8, timer);
            byte[] text = "ノード\n".getBytes(StandardCharsets.UTF_8);
            channel.output().received(Arrays.copyOfRange(text, 0, 4));
            channel.output().received(Arrays.copyOfRange(text, 4, text.length));
            assertEquals("ノード", Rendering.text(channel.attribute("data")));
        } finally {
            timer.shutdownNow();
        }
    }
}
