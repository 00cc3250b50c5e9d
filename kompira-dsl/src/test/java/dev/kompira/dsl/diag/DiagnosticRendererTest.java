package dev.kompira.dsl.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.kompira.dsl.source.SourceText;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The source line and caret under a diagnostic: short lines whole, long lines cut to a window
 * around the caret with {@code ...} where they were cut, the caret still under its character.
 */
class DiagnosticRendererTest {

    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000);
    /** No dots, so a {@code ...} in the output is always a cut mark. */
    private static final int[] ALPHABET = {'a', 'b', 'z', ' ', '[', ']', '\t', 'é', '漢', '字', 0x1F600};

    /** The source line and caret line of a diagnostic at the 1-based code-point {@code column} of {@code line}. */
    private static String[] render(String line, int column) {
        SourceText source = new SourceText("long.kjf", "print(1) ->\n" + line + "\n");
        int offset = source.text().indexOf('\n') + 1 + line.offsetByCodePoints(0, Math.min(column - 1, line.codePointCount(0, line.length())));
        Diagnostic d = Diagnostic.error(ErrorCode.E_SYNTAX, "long.kjf", source.span(offset, offset), "message");
        String[] lines = DiagnosticRenderer.render(d, source).split("\n", -1);
        assertEquals("long.kjf:2:" + column + ": error: message", lines[0]);
        assertEquals(4, lines.length, "header, source line, caret line, nothing after the last line feed");
        return new String[] {lines[1], lines[2]};
    }

    @Test
    void aLineThatACutWouldNotShortenIsShownWhole() {
        String line = "[x = 1 + ]" + " ".repeat(105) + "-> print(x)";
        assertEquals(LineWindow.WIDTH + 6, line.length());
        String[] shown = render(line, 10);
        assertEquals(line, shown[0]);
        assertEquals(" ".repeat(9) + "^", shown[1]);
    }

    @Test
    void aLongLineIsCutOnBothSidesAroundTheCaret() {
        String line = "a".repeat(5000) + "[x = ]" + "b".repeat(5000);
        String[] shown = render(line, 5006);
        assertEquals("..." + "a".repeat(55) + "[x = ]" + "b".repeat(59) + "...", shown[0]);
        assertEquals(" ".repeat(3 + 55 + 5) + "^", shown[1]);
    }

    @Test
    void aCaretAtColumnOneCutsOnlyTheEnd() {
        String[] shown = render("]" + "a".repeat(9999), 1);
        assertEquals("]" + "a".repeat(119) + "...", shown[0]);
        assertEquals("^", shown[1]);
    }

    @Test
    void aCaretAtTheEndCutsOnlyTheStart() {
        String[] shown = render("a".repeat(9999) + "[", 10001);
        assertEquals("..." + "a".repeat(119) + "[", shown[0]);
        assertEquals(" ".repeat(123) + "^", shown[1]);
    }

    @Test
    void tabsAndWideCharactersBeforeTheCaretKeepItUnderItsCharacter() {
        String line = "漢".repeat(3000) + "\t字 ]" + "a".repeat(3000);
        String[] shown = render(line, 3004);
        assertTrue(shown[0].startsWith("...漢") && shown[0].endsWith("a..."), shown[0]);
        assertTrue(shown[0].contains("漢\t字 ]a"), shown[0]);
        int wide = (int) shown[0].codePoints().filter(c -> c == '漢').count();
        assertEquals("   " + "  ".repeat(wide) + "\t" + "  " + " " + "^", shown[1]);
        assertTrue(cells(shown[0]) <= LineWindow.WIDTH + 6, shown[0]);
    }

    @Test
    void anyLongLineIsShownInAWindowWithTheCaretUnderTheSameCharacter() {
        qt().withExamples(EXAMPLES)
                .forAll(lists().of(integers().between(0, ALPHABET.length - 1)).ofSizeBetween(0, 600), integers().allPositive())
                .checkAssert((letters, seed) -> {
                    String line = letters.stream().map(i -> Character.toString(ALPHABET[i])).collect(Collectors.joining());
                    int length = letters.size();
                    int column = 1 + seed % (length + 1);
                    String[] shown = render(line, column);
                    checkWindow(line, column, shown[0], shown[1]);
                });
    }

    /** Asserts that {@code shown} is a window of {@code line} with cut marks exactly where it was cut, and the caret under the character at {@code column}. */
    private static void checkWindow(String line, int column, String shown, String caretLine) {
        String context = "line:  " + line + "\nshown: " + shown + "\ncaret: " + caretLine;
        int[] original = line.codePoints().toArray();
        assertTrue(shown.codePointCount(0, shown.length()) <= LineWindow.WIDTH + 6, context);
        assertTrue(cells(shown) <= LineWindow.WIDTH + 6, context);
        boolean leftCut = shown.startsWith("...");
        boolean rightCut = shown.endsWith("...") && shown.length() > (leftCut ? 3 : 0);
        String body = shown.substring(leftCut ? 3 : 0, shown.length() - (rightCut ? 3 : 0));
        int[] window = body.codePoints().toArray();
        int under = caretIndex(shown, caretLine, context) - (leftCut ? 3 : 0);
        int from = (column - 1) - under;
        assertTrue(from >= 0 && from + window.length <= original.length, context);
        for (int i = 0; i < window.length; i++) {
            assertEquals(original[from + i], window[i], context);
        }
        assertEquals(from > 0, leftCut, context);
        assertEquals(from + window.length < original.length, rightCut, context);
        assertTrue(under < window.length || column - 1 == original.length, "the caret's character is shown\n" + context);
        if (leftCut || rightCut) {
            assertTrue(cells(body) > LineWindow.WIDTH - 8, "the window is used\n" + context);
        }
    }

    /** The code-point index in {@code shown} that the caret line points at: one tab, two spaces or one space per character before it. */
    private static int caretIndex(String shown, String caretLine, String context) {
        assertTrue(caretLine.endsWith("^"), context);
        String prefix = caretLine.substring(0, caretLine.length() - 1);
        int index = 0;
        int offset = 0;
        while (!prefix.isEmpty()) {
            assertTrue(offset < shown.length(), context);
            int cp = shown.codePointAt(offset);
            String cell = cp == '\t' ? "\t" : LineWindow.isWide(cp) ? "  " : " ";
            assertTrue(prefix.startsWith(cell), context);
            prefix = prefix.substring(cell.length());
            offset += Character.charCount(cp);
            index++;
        }
        return index;
    }

    private static int cells(String text) {
        return text.codePoints().map(LineWindow::cells).sum();
    }
}
