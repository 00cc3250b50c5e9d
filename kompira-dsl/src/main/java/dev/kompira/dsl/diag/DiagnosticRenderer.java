package dev.kompira.dsl.diag;

import dev.kompira.dsl.source.SourceText;

/**
 * Renders diagnostics the way language.md §14.1 shows them: the one-line form, then the source line
 * and a caret under the column.
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
            String line = source.lineText(diagnostic.line());
            out.append(line).append('\n');
            appendCaret(out, line, diagnostic.column());
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
                out.append(isWide(cp) ? "  " : " ");
            }
            offset += Character.charCount(cp);
        }
        out.append("^\n");
    }

    private static boolean isWide(int cp) {
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
