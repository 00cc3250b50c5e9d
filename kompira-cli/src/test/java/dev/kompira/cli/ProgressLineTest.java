package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line against a fake terminal: drawn in place, erased before other output, prompts kept whole. */
class ProgressLineTest {

    private final StringWriter screen = new StringWriter();
    private final ProgressLine line = new ProgressLine(new PrintWriter(screen, true));

    private void waitFor(String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!screen.toString().contains(text)) {
            assertTrue(System.nanoTime() < deadline, "never written: " + text);
            Thread.sleep(5);
        }
    }

    @Test
    void theLineIsErasedBeforeTextAndAtTheEnd() throws InterruptedException {
        line.start(() -> "pfor/fork: 1/2 done, 1 running, 0 failed");
        waitFor("\rpfor/fork: 1/2 done, 1 running, 0 failed\u001b[K");
        line.printing(() -> screen.write("console\n"));
        assertTrue(screen.toString().endsWith("\u001b[K" + ProgressLine.CLEAR + "console\n"), screen.toString());
        line.close();
        String closed = screen.toString();
        assertTrue(closed.endsWith("\n") || closed.endsWith(ProgressLine.CLEAR), closed);
        Thread.sleep(300);
        assertEquals(closed, screen.toString(), "nothing is drawn after close");
    }

    @Test
    void aPromptIsWrittenAgainAfterConsoleTextOnATerminal() throws InterruptedException {
        line.start(() -> null);
        line.prompt("run? ");
        line.printing(() -> screen.write("console\n"));
        assertEquals("run? " + ProgressLine.CLEAR + "console\nrun? ", screen.toString());
        line.release();
        line.close();
    }

    @Test
    void withoutATerminalTextIsOnlyWritten() {
        line.prompt("run? ");
        line.printing(() -> screen.write("console\n"));
        line.release();
        line.close();
        assertEquals("run? console\n", screen.toString());
    }
}
