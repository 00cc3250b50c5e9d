package dev.kompira.dsl.source;

import java.util.Arrays;
import java.util.Objects;

/**
 * A jobflow's text together with the name it is reported under (a file name or an object path).
 *
 * <p>Knows where lines start so that diagnostics can quote the offending line. Line terminators are
 * LF, CR LF and CR; a CR LF pair is one terminator. Immutable and thread-safe.
 */
public final class SourceText {

    private final String name;
    private final String text;
    private final int[] lineStarts;

    /**
     * Creates a source. A leading byte order mark (U+FEFF) is dropped, as language.md §2.1 says; all
     * offsets are those of the text without it.
     *
     * @param name how diagnostics name this source, e.g. {@code flows/deploy.kjf} or {@code /home/ops/deploy}
     * @param text the program text
     */
    public SourceText(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.lineStarts = computeLineStarts(this.text);
    }

    private static int[] computeLineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** Returns the name diagnostics use for this source. */
    public String name() {
        return name;
    }

    /** Returns the whole text. */
    public String text() {
        return text;
    }

    /** Returns the number of lines (an empty text has one empty line). */
    public int lineCount() {
        return lineStarts.length;
    }

    /** Returns the 1-based line that contains {@code offset}. */
    public int lineOf(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        return index >= 0 ? index + 1 : -index - 1;
    }

    /** Returns the 1-based code-point column of {@code offset}. */
    public int columnOf(int offset) {
        int lineStart = lineStarts[lineOf(offset) - 1];
        return text.codePointCount(lineStart, Math.min(offset, text.length())) + 1;
    }

    /** Returns the text of the 1-based {@code line}, without its terminator. */
    public String lineText(int line) {
        if (line < 1 || line > lineStarts.length) {
            throw new IndexOutOfBoundsException("line " + line + " of " + lineStarts.length);
        }
        int start = lineStarts[line - 1];
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(start, end);
    }

    /** Returns a span for the range {@code [start, end)} with its line and column computed. */
    public Span span(int start, int end) {
        return new Span(start, end, lineOf(start), columnOf(start));
    }

    @Override
    public String toString() {
        return name;
    }
}
