package dev.kompira.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;

/**
 * The layout of Python's {@code json.dumps}: without an indent, {@code ", "} between elements
 * and {@code ": "} after keys; with one, every element on its own line, indented by one unit
 * per level, {@code ","} at line ends. Empty containers stay {@code []} and {@code {}}. One
 * instance per generator, because it counts the nesting. Used by {@code json_dump} and by the export
 * format of objects.md §7, which is Python's layout with an indent of two spaces.
 */
public final class PythonJsonLayout implements PrettyPrinter {

    private final String indent;
    private int depth;

    /** Creates the layout with {@code indent} per level, or none when {@code indent} is null. */
    public PythonJsonLayout(String indent) {
        this.indent = indent;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {
        // a single root value: nothing to separate
    }

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
        g.writeRaw('{');
        depth++;
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
        newLine(g);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
        g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
        close(g, entries, '}');
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
        g.writeRaw('[');
        depth++;
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
        newLine(g);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
        separator(g);
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
        close(g, values, ']');
    }

    private void separator(JsonGenerator g) throws IOException {
        g.writeRaw(',');
        if (indent == null) {
            g.writeRaw(' ');
        } else {
            newLine(g);
        }
    }

    private void close(JsonGenerator g, int count, char bracket) throws IOException {
        depth--;
        if (count > 0) {
            newLine(g);
        }
        g.writeRaw(bracket);
    }

    private void newLine(JsonGenerator g) throws IOException {
        if (indent != null) {
            g.writeRaw('\n');
            for (int i = 0; i < depth; i++) {
                g.writeRaw(indent);
            }
        }
    }
}
