package dev.kompira.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict decoding and the newline rule of D71. */
class CommandOutputTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(quoteCharacter = '"', value = {
        "\"hi\\n\",      \"hi\"",
        "\"a\\n\\n\",    \"a\\n\"",
        "\" x \",        \" x \"",
        "\"a\\r\\n\",    \"a\"",
        "\"a\\n\\r\\n\", \"a\\n\"",
        "\"a\\r\",       \"a\\r\"",
        "\"a\\n \",      \"a\\n \"",
        "\"\\n\",        \"\"",
        "\"\",           \"\"",
    })
    void stripsExactlyOneTrailingLineTerminator(String output, String expected) {
        assertEquals(unescape(expected), CommandOutput.stripNewline(unescape(output)));
    }

    @Test
    void textDecodesThenStrips() throws Exception {
        byte[] shiftJis = "\u65e5\u672c\r\n".getBytes(Charset.forName("Shift_JIS"));

        assertEquals("\u65e5\u672c", CommandOutput.text(shiftJis, Charset.forName("Shift_JIS")));
        assertEquals("caf\u00e9", CommandOutput.text("caf\u00e9\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void malformedInputIsRejectedNotReplaced() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        assertThrows(CharacterCodingException.class, () -> CommandOutput.text(latin1, StandardCharsets.UTF_8));
        assertThrows(CharacterCodingException.class,
                () -> CommandOutput.decode(new byte[] {(byte) 0x80}, StandardCharsets.US_ASCII));
    }

    @Test
    void undecodableMessageNamesTheEncodingAsWritten() {
        assertEquals("cannot decode output as 'utf-8'", CommandOutput.undecodableMessage("utf-8"));
    }

    /** CSV cannot hold control characters, so the table writes them as {@code \n} and {@code \r}. */
    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\r", "\r");
    }
}
