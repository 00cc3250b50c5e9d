package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Objects;

/**
 * A dictionary display, either {@code {name = value, ...}} or {@code {key: value, ...}}; one display
 * never mixes the two forms.
 *
 * @param entries the entries, all {@link Binding}s or all {@link KeyValue}s
 * @param span    the braces and everything between
 */
public record DictDisplay(List<DictEntry> entries, Span span) implements Expr {

    /** Validates the components. */
    public DictDisplay {
        entries = List.copyOf(entries);
        if (!entries.isEmpty()) {
            Class<?> form = entries.get(0).getClass();
            for (DictEntry entry : entries) {
                if (entry.getClass() != form) {
                    throw new IllegalArgumentException("a dictionary display cannot mix name = value and key: value entries");
                }
            }
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitDict(this);
    }
}
