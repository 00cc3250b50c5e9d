package dev.kompira.core.transport;

import dev.kompira.dsl.Internal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * Turns the raw output of a command into the text of {@code $RESULT} and {@code $ERROR}
 * (language.md §8.2.3): strict decoding with {@code __encoding__} and the newline rule of D71.
 *
 * <p>With {@code __raw_stdout__} / {@code __raw_stderr__} the engine uses the bytes of
 * {@link CommandResult.Completed} as they are, without this class: raw output is neither decoded
 * nor trimmed.
 *
 * <p>Thread-safety: stateless; all methods may be called from any thread.
 */
@Internal
public final class CommandOutput {

    private CommandOutput() {
    }

    /**
     * Decodes {@code bytes} with {@code charset} and applies the newline rule: the text of
     * {@code $RESULT} or {@code $ERROR}.
     *
     * @throws CharacterCodingException if the bytes are malformed or unmappable in {@code charset};
     *         the engine then fails the job with {@code $STATUS = -1} and {@link #undecodableMessage}
     */
    public static String text(byte[] bytes, Charset charset) throws CharacterCodingException {
        return stripNewline(decode(bytes, charset));
    }

    /**
     * Decodes {@code bytes} with {@code charset}, rejecting malformed input and unmappable characters
     * instead of replacing them (a byte-order mark is kept as a character).
     *
     * @throws CharacterCodingException if the bytes cannot be decoded
     */
    public static String decode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /**
     * Removes exactly one trailing line terminator, {@code \r\n} or {@code \n}, and nothing else
     * (D71): {@code "hi\n"} gives {@code "hi"}, {@code "a\n\n"} gives {@code "a\n"},
     * {@code " x "} and {@code "a\r"} stay as they are.
     */
    public static String stripNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * Returns the §14.4 {@code $ERROR} text for output that cannot be decoded:
     * {@code cannot decode output as '<encoding>'}, with the encoding as the jobflow named it.
     */
    public static String undecodableMessage(String encoding) {
        return "cannot decode output as '" + encoding + "'";
    }
}
