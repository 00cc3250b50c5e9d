package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;

/** An external value with properties, methods or subscripts of its own (objects, processes, channels). */
public interface Attributed extends ExternalValue {

    /** Evaluates {@code this.name}: a property value, or a {@link MethodValue}. */
    Value attribute(String name);

    /** Calls method {@code name}. */
    Value call(String name, Arguments arguments);

    /** Performs the update job {@code [value >> this.name]} (language.md §8.4, D75). */
    default void update(String name, Value value) {
        throw new JobflowError(ErrorCode.R_UPDATE, "cannot update " + typeName() + " property '" + name + "': it is read-only");
    }

    /** Evaluates {@code this[index]}. */
    default Value subscript(Value index) {
        throw new JobflowError(ErrorCode.R_SUBSCRIPT, typeName() + " value is not subscriptable");
    }
}
