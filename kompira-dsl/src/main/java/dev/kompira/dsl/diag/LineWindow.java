package dev.kompira.dsl.diag;

/**
 * The part of a source line that a diagnostic shows (as rustc and clang do): a line wider than
 * {@link #WIDTH} terminal cells plus room for two cut marks is cut to a window of at most
 * {@link #WIDTH} cells around the caret, with {@code ...} on each side that was cut, so that a
 * diagnostic on a 10 000-character line stays readable.
 *
 * @param text   the text to print, {@code ...} included
 * @param column the 1-based code-point column in {@code text} that the caret points at
 */
record LineWindow(String text, int column) {

    /** The most terminal cells of the line that are shown, not counting the {@code ...} marks. */
    static final int WIDTH = 120;

    private static final String CUT = "...";

    /**
     * Returns the window of {@code line} around the 1-based code-point {@code column} (a column past
     * the end points just after the last character); a line of at most {@code WIDTH + 6} cells is
     * returned whole.
     */
    static LineWindow around(String line, int column) {
        int[] cps = line.codePoints().toArray();
        int caret = Math.max(0, Math.min(column - 1, cps.length));
        if (cells(cps, 0, cps.length) <= WIDTH + 2 * CUT.length()) {
            // cutting would not make it shorter than a cut line may be
            return new LineWindow(line, caret + 1);
        }
        // grow one character at a time on each side of the caret, so the caret ends up near the middle
        int from = caret;
        int to = Math.min(caret + 1, cps.length);
        int used = cells(cps, from, to);
        boolean grew = true;
        while (grew) {
            grew = false;
            if (from > 0 && used + cells(cps[from - 1]) <= WIDTH) {
                used += cells(cps[--from]);
                grew = true;
            }
            if (to < cps.length && used + cells(cps[to]) <= WIDTH) {
                used += cells(cps[to++]);
                grew = true;
            }
        }
        String left = from > 0 ? CUT : "";
        String right = to < cps.length ? CUT : "";
        return new LineWindow(left + new String(cps, from, to - from) + right, left.length() + caret - from + 1);
    }

    /**
     * The terminal cells a character can take: two for East Asian wide characters, up to eight for a
     * tab (its width depends on where it starts), one for the rest.
     */
    static int cells(int cp) {
        return cp == '\t' ? 8 : isWide(cp) ? 2 : 1;
    }

    private static int cells(int[] cps, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += cells(cps[i]);
        }
        return sum;
    }

    /** Returns whether {@code cp} is an East Asian wide character, which takes two terminal cells. */
    static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
