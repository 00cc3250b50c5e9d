package dev.kompira.dsl.testing;

import dev.kompira.dsl.ast.BinaryLiteral;
import dev.kompira.dsl.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a syntax tree as an indented outline of its records, without spans, for golden files:
 * <pre>
 * Program
 *   parameters: []
 *   flow: Flow
 *     first: BuiltinJob
 *       name: "print"
 * </pre>
 */
public final class AstPrinter {

    private AstPrinter() {
    }

    /** Returns the outline of {@code node}. */
    public static String print(Object node) {
        StringBuilder out = new StringBuilder();
        value(out, node, 0);
        return out.append('\n').toString();
    }

    private static void value(StringBuilder out, Object value, int indent) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            out.append(quote((String) value));
        } else if (value instanceof BinaryLiteral) {
            out.append("BinaryLiteral ").append(Arrays.toString(((BinaryLiteral) value).bytes()));
        } else if (value instanceof List) {
            list(out, (List<?>) value, indent);
        } else if (value instanceof Record) {
            record(out, (Record) value, indent);
        } else {
            out.append(value);
        }
    }

    private static void list(StringBuilder out, List<?> list, int indent) {
        if (list.isEmpty()) {
            out.append("[]");
            return;
        }
        for (Object element : list) {
            out.append('\n').append("  ".repeat(indent + 1)).append("- ");
            value(out, element, indent + 2);
        }
    }

    private static void record(StringBuilder out, Record record, int indent) {
        out.append(record.getClass().getSimpleName());
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            if (component.getType() == Span.class) {
                continue;
            }
            out.append('\n').append("  ".repeat(indent + 1)).append(component.getName()).append(": ");
            try {
                value(out, component.getAccessor().invoke(record), indent + 1);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (Character.isISOControl(cp)) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
            }
        });
        return out.append('"').toString();
    }
}
