package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.util.Objects;

/**
 * An object path such as {@code ./servers}, {@code ../lib/common}, {@code /system/types} or the root
 * {@code /} (language.md §2.7).
 *
 * @param path the path exactly as written
 * @param span the path token
 */
public record ObjectPath(String path, Span span) implements Expr {

    /** Validates the components. */
    public ObjectPath {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("an object path cannot be empty");
        }
        Objects.requireNonNull(span, "span");
    }

    @Override
    public <R> R accept(ExprVisitor<R> visitor) {
        return visitor.visitObjectPath(this);
    }

    /** Returns whether this is the root directory {@code /}. */
    public boolean isRoot() {
        return path.equals("/");
    }

    /** Returns whether the path is relative to the running jobflow's directory. */
    public boolean isRelative() {
        return path.startsWith(".");
    }
}
