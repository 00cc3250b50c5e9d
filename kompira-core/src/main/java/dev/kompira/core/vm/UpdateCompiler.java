package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.FileValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Members;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.Attribute;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.Subscript;
import dev.kompira.dsl.ast.UpdateJob;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles update jobs {@code [value >> target]} (language.md §8.4, D75): the value first, then
 * the containers of the target left to right, then the store.
 */
final class UpdateCompiler {

    private UpdateCompiler() {
    }

    static JobCode compile(UpdateJob job, Lexical lexical) {
        Eval value = ExprCompiler.compile(job.value(), lexical);
        Expr target = job.target();
        if (target instanceof Name n) {
            Slot slot = lexical.resolve(n.name());
            return new SimpleJob(job.span(), false, (m, f) -> {
                f.scope.up(slot.hops()).slots[slot.index()] = value.eval(f.scope, m);
                f.invocation.status = IntegerValue.ZERO;
            });
        }
        if (!(target instanceof Attribute || target instanceof Subscript)) {
            return new SimpleJob(job.span(), false, (m, f) -> {
                throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + describe(target) + ": an object cannot be replaced; update its fields");
            });
        }
        List<Selector> selectors = new ArrayList<>();
        Expr base = target;
        while (base instanceof Attribute || base instanceof Subscript) {
            if (base instanceof Attribute a) {
                Value name = StringValue.of(a.name());
                selectors.add(0, new Selector((s, m) -> name, false));
                base = a.target();
            } else {
                Subscript sub = (Subscript) base;
                selectors.add(0, new Selector(ExprCompiler.compile(sub.index(), lexical), true));
                base = sub.target();
            }
        }
        Eval root = ExprCompiler.compile(base, lexical);
        String description = describe(target);
        return new SimpleJob(job.span(), false, (m, f) -> {
            Value v = value.eval(f.scope, m);
            update(root.eval(f.scope, m), selectors, v, description, f.scope, m);
            f.invocation.status = IntegerValue.ZERO;
        });
    }

    /** One {@code .name} or {@code [key]} step of an update target. */
    private record Selector(Eval key, boolean subscript) {
    }

    /**
     * Walks the selectors from {@code current} and stores {@code v} with the last one. Arrays and
     * Dictionaries read from object fields are attached to them (D37), so a change inside one writes
     * the field back, converted by its declaration; a File read from a field is a value, so a change
     * to one of its members writes a new File to the field (objects.md §3.3).
     */
    private static void update(Value current, List<Selector> selectors, Value v, String description, Scope s, Machine m) {
        ObjectValue fileOwner = null;
        String fileField = null;
        for (int i = 0; i < selectors.size() - 1; i++) {
            Selector selector = selectors.get(i);
            Value k = selector.key().eval(s, m);
            Value next = selector.subscript() ? Members.subscript(current, k) : Members.attribute(current, ((StringValue) k).value());
            if (current instanceof ObjectValue o && next instanceof FileValue) {
                fileOwner = o;
                fileField = ((StringValue) k).value();
            } else {
                fileOwner = null;
            }
            current = next;
        }
        Selector last = selectors.get(selectors.size() - 1);
        Value lastKey = last.key().eval(s, m);
        if (fileOwner != null) {
            fileOwner.updateField(fileField, fileWith((FileValue) current, lastKey, v, description));
        } else {
            store(current, lastKey, v, description, last.subscript());
        }
    }

    /** A File field's member written (objects.md §3.3): a new File value with that name or data. */
    private static Value fileWith(FileValue file, Value key, Value value, String description) {
        String member = key instanceof StringValue k ? k.value() : "";
        if (member.equals("name") && value instanceof StringValue name) {
            return file.withName(name.value());
        }
        if (member.equals("data") && value instanceof BinaryValue data) {
            return file.withData(data);
        }
        if (member.equals("data") && value instanceof StringValue text) {
            return file.withData(BinaryValue.of(text.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + description + ": a File's " + member
                + " cannot be set to a " + value.typeName() + " (name takes a String, data a Binary or String)");
    }

    private static void store(Value container, Value key, Value value, String description, boolean subscript) {
        if (subscript && container instanceof ObjectValue o && key instanceof StringValue field) {
            o.updateField(field.value(), value);
            return;
        }
        if (container instanceof DictionaryValue d) {
            if (key instanceof ArrayValue || key instanceof DictionaryValue) {
                throw new JobflowError(ErrorCode.R_TYPE, "unhashable key type '" + key.typeName() + "'");
            }
            d.change(() -> {
                d.put(key, value);
                return null;
            });
            return;
        }
        if (container instanceof ArrayValue a) {
            if (!(key instanceof IntegerValue i)) {
                throw new JobflowError(ErrorCode.R_TYPE, "expected Integer, got " + key.typeName());
            }
            long n = i.fitsLong() ? i.longValue() : Long.MAX_VALUE;
            long index = n < 0 ? n + a.size() : n;
            if (index < 0 || index >= a.size()) {
                throw new JobflowError(ErrorCode.R_INDEX, "index " + i + " out of range (length " + a.size() + ")");
            }
            a.change(() -> a.items().set((int) index, value));
            return;
        }
        if (container instanceof Attributed a && key instanceof StringValue name) {
            a.update(name.value(), value);
            return;
        }
        throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + description + ": " + container.typeName()
                + " value has no updatable element " + Rendering.nested(key));
    }

    /** Describes a target for messages, e.g. {@code cfg.db.host}. */
    private static String describe(Expr target) {
        if (target instanceof Name n) {
            return n.name();
        }
        if (target instanceof Attribute a) {
            return describe(a.target()) + "." + a.name();
        }
        if (target instanceof Subscript s) {
            return describe(s.target()) + "[...]";
        }
        if (target instanceof dev.kompira.dsl.ast.ObjectPath p) {
            return p.path();
        }
        if (target instanceof dev.kompira.dsl.ast.StatusVar v) {
            return "$" + v.name();
        }
        return "target";
    }
}
