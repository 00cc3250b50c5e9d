package dev.kompira.dsl.source;

/**
 * The location of a token or syntax node in its source text.
 *
 * <p>{@code start} and {@code end} are UTF-16 offsets into the source {@link String} (end exclusive),
 * convenient for slicing. {@code line} and {@code column} locate the start and are 1-based; columns
 * count Unicode code points and a tab counts as one column, as the language specification demands.
 *
 * <p>Nodes built in Java code rather than parsed carry {@link #NONE}.
 *
 * @param start  offset of the first character
 * @param end    offset just past the last character
 * @param line   1-based line of {@code start}
 * @param column 1-based code-point column of {@code start}
 */
public record Span(int start, int end, int line, int column) {

    /** The span of a node that was not parsed from text (for example one made by the builder API). */
    public static final Span NONE = new Span(-1, -1, 0, 0);

    /** Validates the offsets. */
    public Span {
        if (start > end) {
            throw new IllegalArgumentException("span start " + start + " is after its end " + end);
        }
    }

    /** Returns whether this span locates real source text (it is not {@link #NONE}). */
    public boolean isKnown() {
        return start >= 0;
    }

    /**
     * Returns the span from the start of this one to the end of {@code last}.
     * If either is unknown, the known one (or {@link #NONE}) is returned.
     */
    public Span to(Span last) {
        if (!isKnown()) {
            return last;
        }
        if (!last.isKnown()) {
            return this;
        }
        return new Span(start, Math.max(end, last.end), line, column);
    }

    /** Returns the number of UTF-16 characters covered. */
    public int length() {
        return end - start;
    }
}
