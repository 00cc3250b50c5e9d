package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.Attribute;
import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.Subscript;
import dev.kompira.dsl.ast.UpdateJob;

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
        Eval container;
        Eval key;
        boolean subscript = target instanceof Subscript;
        if (target instanceof Attribute a) {
            container = ExprCompiler.compile(a.target(), lexical);
            Value name = StringValue.of(a.name());
            key = (s, m) -> name;
        } else if (target instanceof Subscript sub) {
            container = ExprCompiler.compile(sub.target(), lexical);
            key = ExprCompiler.compile(sub.index(), lexical);
        } else {
            return new SimpleJob(job.span(), false, (m, f) -> {
                throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + describe(target) + ": an object cannot be replaced; update its fields");
            });
        }
        String description = describe(target);
        return new SimpleJob(job.span(), false, (m, f) -> {
            Value v = value.eval(f.scope, m);
            Value c = container.eval(f.scope, m);
            Value k = key.eval(f.scope, m);
            store(c, k, v, description, subscript);
            f.invocation.status = IntegerValue.ZERO;
        });
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
            d.put(key, value);
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
            a.items().set((int) index, value);
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
