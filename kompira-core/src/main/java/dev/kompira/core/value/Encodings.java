package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.dsl.Internal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The character encodings of builtins.md §5.4 (D133): the names users write (Python codec names
 * and their aliases, compared without regard to case, {@code -} and {@code _} alike), mapped to
 * Java charsets, with any other name looked up through {@link Charset#forName}. Encoding and
 * decoding are strict: an unmappable character or a malformed byte sequence is the run-time error
 * {@code R-ENCODING} ({@code cannot encode with 'enc': <detail>} /
 * {@code cannot decode with 'enc': <detail>}); an unknown name is {@code R-VALUE}
 * ({@code unknown encoding 'name'}). Built-in functions prefix these messages with their name.
 *
 * <p>Used by {@code String.encode}, {@code Binary.decode}, the {@code encode}, {@code decode} and
 * {@code bytes} built-ins, the {@code charset} options and the decoding of command output
 * ({@code __encoding__}). Stateless and thread-safe.
 */
@Internal
public final class Encodings {

    /** The default encoding of every {@code encoding} argument. */
    public static final Encoding UTF_8 = new Encoding("utf-8", StandardCharsets.UTF_8);

    private static final Map<String, String> TABLE = table();

    private Encodings() {
    }

    private static Map<String, String> table() {
        Map<String, String> t = new HashMap<>();
        alias(t, "UTF-8", "utf-8", "utf8", "u8");
        alias(t, "US-ASCII", "ascii", "us-ascii");
        alias(t, "ISO-8859-1", "latin-1", "latin1", "iso-8859-1", "l1");
        alias(t, "UTF-16", "utf-16", "utf16");
        alias(t, "UTF-16LE", "utf-16-le");
        alias(t, "UTF-16BE", "utf-16-be");
        alias(t, "UTF-32", "utf-32", "utf32");
        alias(t, "Shift_JIS", "shift_jis", "sjis", "shiftjis", "s_jis");
        alias(t, "windows-31j", "cp932", "ms932", "windows-31j", "mskanji");
        alias(t, "EUC-JP", "euc-jp", "eucjp", "ujis");
        alias(t, "ISO-2022-JP", "iso-2022-jp", "csiso2022jp");
        alias(t, "windows-1252", "cp1252", "windows-1252");
        alias(t, "GBK", "gbk");
        alias(t, "GB2312", "gb2312");
        alias(t, "GB18030", "gb18030");
        alias(t, "Big5", "big5");
        alias(t, "EUC-KR", "euc-kr");
        // Java's own "cp949" is IBM's variant; Python's cp949 (the codec users mean) is Microsoft's.
        alias(t, "x-windows-949", "cp949");
        return Map.copyOf(t);
    }

    private static void alias(Map<String, String> table, String charset, String... names) {
        for (String name : names) {
            table.put(normalise(name), charset);
        }
    }

    /** Folds case and treats {@code _} as {@code -}, so that {@code Shift_JIS} and {@code shift-jis} are one name. */
    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the Java charset for the encoding {@code name}, or empty when the name is unknown. */
    public static Optional<Charset> charset(String name) {
        String key = normalise(name);
        String mapped = TABLE.get(key);
        if (mapped != null) {
            return Optional.of(Charset.forName(mapped));
        }
        for (String candidate : new String[] {name, key, key.replace('-', '_')}) {
            try {
                return Optional.of(Charset.forName(candidate));
            } catch (IllegalArgumentException unknown) {
                // an illegal or unsupported name: try the next spelling
            }
        }
        return Optional.empty();
    }

    /** Returns the encoding {@code name}; an unknown name is {@code R-VALUE} {@code unknown encoding 'name'}. */
    public static Encoding lookup(String name) {
        Charset charset = charset(name)
                .orElseThrow(() -> new JobflowError(ErrorCode.R_VALUE, "unknown encoding '" + name + "'"));
        return new Encoding(name, charset);
    }

    /** Encodes {@code text} strictly with the encoding named {@code encoding} (see {@link Encoding#encode}). */
    public static byte[] encode(String text, String encoding) {
        return lookup(encoding).encode(text);
    }

    /** Decodes {@code data} strictly with the encoding named {@code encoding} (see {@link Encoding#decode}). */
    public static String decode(byte[] data, String encoding) {
        return lookup(encoding).decode(data);
    }

    /**
     * A character encoding as the user named it: the name appears in error messages as written.
     *
     * @param name    the name given by the user
     * @param charset the Java charset it denotes
     */
    public record Encoding(String name, Charset charset) {

        /**
         * Encodes {@code text}; a character the encoding cannot represent is {@code R-ENCODING}
         * naming the character and its position in code points.
         */
        public byte[] encode(String text) {
            if (!charset.canEncode()) {
                throw failure("encode", "the encoding can only decode");
            }
            CharsetEncoder encoder = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer in = CharBuffer.wrap(text);
            ByteBuffer out = ByteBuffer.allocate(text.length() + 16);
            for (;;) {
                CoderResult result = encoder.encode(in, out, true);
                if (result.isUnderflow()) {
                    result = encoder.flush(out);
                }
                if (result.isUnderflow()) {
                    byte[] bytes = new byte[out.position()];
                    out.flip().get(bytes);
                    return bytes;
                }
                if (!result.isOverflow()) {
                    throw failure("encode", encodeDetail(text, in.position(), result));
                }
                out = ByteBuffer.allocate(grow(out.capacity())).put(out.flip());
            }
        }

        private static String encodeDetail(String text, int at, CoderResult result) {
            String kind = result.isUnmappable() ? "unmappable" : "invalid";
            return String.format(Locale.ROOT, "%s character U+%04X at position %d", kind, text.codePointAt(at),
                    text.codePointCount(0, at));
        }

        /**
         * Decodes {@code data}; a malformed or unmappable byte sequence is {@code R-ENCODING}
         * naming the bytes and their position.
         */
        public String decode(byte[] data) {
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(data);
            CharBuffer out = CharBuffer.allocate(data.length + 16);
            for (;;) {
                CoderResult result = decoder.decode(in, out, true);
                if (result.isUnderflow()) {
                    result = decoder.flush(out);
                }
                if (result.isUnderflow()) {
                    return out.flip().toString();
                }
                if (!result.isOverflow()) {
                    throw failure("decode", decodeDetail(data, in.position(), result));
                }
                out = CharBuffer.allocate(grow(out.capacity())).put(out.flip());
            }
        }

        private static String decodeDetail(byte[] data, int position, CoderResult result) {
            int length = Math.min(result.length(), data.length - position);
            StringBuilder bytes = new StringBuilder();
            for (int i = 0; i < length; i++) {
                bytes.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "0x%02x", data[position + i] & 0xff));
            }
            String kind = result.isUnmappable() ? "unmappable" : "invalid";
            return kind + (length == 1 ? " byte " : " bytes ") + bytes + " at position " + position;
        }

        /** Doubles a buffer capacity without overflowing {@code int}. */
        private static int grow(int capacity) {
            return (int) Math.min(Integer.MAX_VALUE - 8L, 2L * capacity + 16);
        }

        private JobflowError failure(String operation, String detail) {
            return new JobflowError(ErrorCode.R_ENCODING, "cannot " + operation + " with '" + name + "': " + detail);
        }
    }
}
