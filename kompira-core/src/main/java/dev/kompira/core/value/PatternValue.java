package dev.kompira.core.value;

import dev.kompira.core.value.pattern.CompiledPattern;
import dev.kompira.core.value.pattern.RegexMatch;
import dev.kompira.dsl.ast.PatternKind;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Returns whether the pattern matches {@code subject} (D31, D32): a String; other values only for
     * an exact pattern, by their text form.
     */
    public boolean matches(Value subject) {
        if (subject instanceof StringValue s) {
            return compiled.matches(s.value());
        }
        return compiled.matchesTextForms() && compiled.matches(Rendering.text(subject));
    }

    /**
     * Returns {@code Pattern.match(subject)}: {@code false}, {@code true}, or for a regular
     * expression the match Dictionary of language.md §4.8.
     */
    public Value match(Value subject) {
        if (kind != PatternKind.REGEX) {
            return BooleanValue.of(matches(subject));
        }
        if (!(subject instanceof StringValue s)) {
            return BooleanValue.FALSE;
        }
        return compiled.search(s.value()).map(PatternValue::matchDictionary).orElse(BooleanValue.FALSE);
    }

    private static Value matchDictionary(RegexMatch m) {
        List<Value> groups = new ArrayList<>(m.groups().size());
        m.groups().forEach(g -> groups.add(groupValue(g)));
        DictionaryValue groupdict = new DictionaryValue();
        m.named().forEach((name, g) -> groupdict.put(name, groupValue(g)));
        DictionaryValue result = new DictionaryValue();
        result.put("group", StringValue.of(m.group()));
        result.put("groups", new ArrayValue(groups));
        result.put("groupdict", groupdict);
        result.put("start", IntegerValue.of(m.start()));
        result.put("end", IntegerValue.of(m.end()));
        return result;
    }

    private static Value groupValue(String group) {
        return group == null ? NullValue.NULL : StringValue.of(group);
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
