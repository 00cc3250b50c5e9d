package dev.kompira.core.object;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Attributed;
import dev.kompira.core.value.Container;
import dev.kompira.core.value.Equality;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.Materializable;
import dev.kompira.core.value.MethodValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The result of an object search (language.md §4.11, objects.md §2.7): a query, run again at every
 * access, never a stored list. Thread-safe (each access reads the store).
 */
public final class LazyArrayValue implements Attributed, Container, Materializable {

    private static final Signature DELETE = Signature.parse("delete()");

    private final ObjectTree tree;
    private final Supplier<List<StoredObject>> query;
    private final Function<StoredObject, Value> view;

    /** A LazyArray of the objects {@code query} returns on each access. */
    public LazyArrayValue(ObjectTree tree, Supplier<List<StoredObject>> query) {
        this(tree, query, o -> new ObjectValue(tree, o.id(), o.path()));
    }

    /**
     * A LazyArray of the objects {@code query} returns on each access, each seen as {@code view} shows
     * it (the Schedules of {@code /scheduler.find} are Schedule objects seen as records).
     */
    public LazyArrayValue(ObjectTree tree, Supplier<List<StoredObject>> query, Function<StoredObject, Value> view) {
        this.tree = tree;
        this.query = query;
        this.view = view;
    }

    /** Runs the query and returns the objects it finds now. */
    public List<Value> current() {
        List<Value> values = new ArrayList<>();
        for (StoredObject o : query.get()) {
            values.add(view.apply(o));
        }
        return values;
    }

    @Override
    public ArrayValue materialize() {
        return new ArrayValue(current());
    }

    @Override
    public String typeName() {
        return "LazyArray";
    }

    @Override
    public String text() {
        return Rendering.text(materialize());
    }

    @Override
    public boolean truthy() {
        return !query.get().isEmpty();
    }

    @Override
    public Value attribute(String name) {
        if (name.equals("delete")) {
            return new MethodValue(this, name);
        }
        throw new JobflowError(ErrorCode.R_ATTRIBUTE, "LazyArray value has no attribute '" + name + "'");
    }

    @Override
    public Value call(String name, Arguments arguments) {
        if (!name.equals("delete")) {
            throw new JobflowError(ErrorCode.R_ATTRIBUTE, "LazyArray value has no attribute '" + name + "'");
        }
        DELETE.bind(arguments);
        List<StoredObject> found = query.get();
        int deleted = tree.write("delete " + found.size() + " objects found by a search", tx -> {
            int count = 0;
            for (StoredObject o : found) {
                if (tx.get(o.id()).isPresent()) {
                    tx.delete(o.id());
                    count++;
                }
            }
            return count;
        });
        return IntegerValue.of(deleted);
    }

    @Override
    public Value subscript(Value index) {
        List<Value> items = current();
        if (!(index instanceof IntegerValue i)) {
            throw new JobflowError(ErrorCode.R_TYPE, "expected Integer, got " + index.typeName());
        }
        long n = i.fitsLong() ? i.longValue() : Long.MAX_VALUE;
        long at = n < 0 ? n + items.size() : n;
        if (at < 0 || at >= items.size()) {
            throw new JobflowError(ErrorCode.R_INDEX, "index " + i + " out of range (length " + items.size() + ")");
        }
        return items.get((int) at);
    }

    @Override
    public boolean containsMember(Value x) {
        for (Value item : current()) {
            if (Equality.equal(item, x)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the value's text form, as {@code print} shows it (language.md §5). */
    @Override
    public String toString() {
        return Rendering.text(this);
    }
}
