package dev.kompira.dsl.ast;

import dev.kompira.dsl.source.Span;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Objects;

/**
 * Compares syntax trees while ignoring where they came from: two trees are equivalent when they
 * have the same shape and values, whatever their {@link Span}s. This is the equality under which
 * {@code parse(format(tree))} equals {@code tree}, and a tree built with the builder API equals the
 * parsed tree of its source.
 */
public final class AstEquivalence {

    private AstEquivalence() {
    }

    /** Returns whether {@code a} and {@code b} are equal apart from spans. */
    public static boolean equivalent(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof Span) {
            return true;
        }
        if (a instanceof List) {
            return listsEquivalent((List<?>) a, (List<?>) b);
        }
        if (a instanceof BinaryLiteral) {
            return java.util.Arrays.equals(((BinaryLiteral) a).bytes(), ((BinaryLiteral) b).bytes());
        }
        if (a.getClass().isRecord()) {
            return recordsEquivalent((Record) a, (Record) b);
        }
        return Objects.equals(a, b);
    }

    private static boolean listsEquivalent(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equivalent(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean recordsEquivalent(Record a, Record b) {
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            if (!equivalent(read(component, a), read(component, b))) {
                return false;
            }
        }
        return true;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
        }
    }
}
