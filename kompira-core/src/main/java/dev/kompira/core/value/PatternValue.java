package dev.kompira.core.value;

import dev.kompira.core.value.pattern.CompiledPattern;
import dev.kompira.dsl.ast.PatternKind;
import java.util.Objects;

/**
 * A pattern that matches Strings (language.md §4.8): a regular expression (a search, Python
 * dialect), a glob (whole string) or an exact text, optionally case-insensitive. Two Patterns are
 * equal when kind, text and flag are equal.
 */
public final class PatternValue implements Value {

    private final PatternKind kind;
    private final String text;
    private final boolean ignoreCase;
    private final CompiledPattern compiled;

    private PatternValue(PatternKind kind, String text, boolean ignoreCase) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.text = Objects.requireNonNull(text, "text");
        this.ignoreCase = ignoreCase;
        this.compiled = CompiledPattern.compile(kind, text, ignoreCase);
    }

    /**
     * Returns the pattern; an invalid regular expression is the run-time error {@code R-REGEX}.
     */
    public static PatternValue of(PatternKind kind, String text, boolean ignoreCase) {
        return new PatternValue(kind, text, ignoreCase);
    }

    /** Returns the kind. */
    public PatternKind kind() {
        return kind;
    }

    /** Returns the pattern text (after substitution). */
    public String text() {
        return text;
    }

    /** Returns whether matching ignores case. */
    public boolean ignoreCase() {
        return ignoreCase;
    }

    /** Returns whether the pattern matches {@code subject} (D31, D32). */
    public boolean matches(Value subject) {
        return compiled.matches(subject);
    }

    /**
     * Returns {@code Pattern.match(subject)}: {@code false}, {@code true}, or for a regular
     * expression the match Dictionary of language.md §4.8.
     */
    public Value match(Value subject) {
        return compiled.match(subject);
    }

    @Override
    public String typeName() {
        return "Pattern";
    }

    @Override
    public boolean truthy() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatternValue p && p.kind == kind && p.text.equals(text) && p.ignoreCase == ignoreCase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, ignoreCase);
    }

    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
