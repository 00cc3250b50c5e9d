package dev.kompira.core.vm;

import java.nio.charset.StandardCharsets;

/**
 * The console text kept with a process (D100): what it printed, up to {@value #LIMIT} bytes of
 * UTF-8, cut at a character boundary; what comes later is not kept (the console listener still gets
 * it). Thread-safe.
 */
final class ConsoleBuffer {

    /** The bytes kept. */
    static final int LIMIT = 65_536;

    /** Made at the first output: many processes print nothing. */
    private StringBuilder text;
    private int bytes;

    /** Keeps as much of {@code more} as fits. */
    synchronized void keep(String more) {
        if (bytes >= LIMIT) {
            return;
        }
        if (text == null) {
            text = new StringBuilder();
        }
        byte[] encoded = more.getBytes(StandardCharsets.UTF_8);
        if (bytes + encoded.length <= LIMIT) {
            text.append(more);
            bytes += encoded.length;
            return;
        }
        int i = 0;
        while (i < more.length()) {
            int cp = more.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > LIMIT) {
                break;
            }
            text.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        bytes = LIMIT;
    }

    /** Returns the text kept so far. */
    synchronized String text() {
        return text == null ? "" : text.toString();
    }
}
