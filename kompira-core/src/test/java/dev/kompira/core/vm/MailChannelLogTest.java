package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The size limit of a MailChannel's connection log (objects.md §4.20, J176). */
class MailChannelLogTest {

    @Test
    void theOldestWholeLinesGoFirst() {
        String log = "a 1\nb 22\nc 333\n";
        assertEquals(log, MailChannelLog.trimmed(log, log.length()));
        assertEquals("b 22\nc 333\n", MailChannelLog.trimmed(log, log.length() - 1));
        assertEquals("c 333\n", MailChannelLog.trimmed(log, 6));
        assertEquals("", MailChannelLog.trimmed(log, 5), "a line longer than the limit is not cut in the middle");
        assertEquals("", MailChannelLog.trimmed(log, 0));
    }
}
