package dev.kompira.dsl.diag;

import dev.kompira.dsl.source.SourceText;

/**
 * Renders diagnostics the way language.md §14.1 shows them: the one-line form, then the source line
 * and a caret under the column. A line too wide for a terminal is cut around the caret
 * ({@link LineWindow}).
 *
 * <pre>
 * deploy.kjf:3:14: error: syntax error: unexpected ']'; expected an expression
 * [x = 1 + ]
 *          ^
 * </pre>
 */
public final class DiagnosticRenderer {

    private DiagnosticRenderer() {
    }

    /** Renders one diagnostic with its source line and caret, ending with a line feed. */
    public static String render(Diagnostic diagnostic, SourceText source) {
        StringBuilder out = new StringBuilder(diagnostic.toString()).append('\n');
        if (diagnostic.line() >= 1 && diagnostic.line() <= source.lineCount()) {
            LineWindow shown = LineWindow.around(source.lineText(diagnostic.line()), diagnostic.column());
            out.append(shown.text()).append('\n');
            appendCaret(out, shown.text(), shown.column());
        }
        return out.toString();
    }

    /** Renders every diagnostic in order. */
    public static String renderAll(Iterable<Diagnostic> diagnostics, SourceText source) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(d, source));
        }
        return out.toString();
    }

    // Tabs before the column are copied so that the caret lines up however the terminal expands them;
    // wide (East Asian) characters take two terminal cells, so they get two spaces.
    private static void appendCaret(StringBuilder out, String line, int column) {
        int offset = 0;
        for (int col = 1; col < column && offset < line.length(); col++) {
            int cp = line.codePointAt(offset);
            if (cp == '\t') {
                out.append('\t');
            } else {
                out.append(LineWindow.isWide(cp) ? "  " : " ");
            }
            offset += Character.charCount(cp);
        }
        out.append("^\n");
    }
}
