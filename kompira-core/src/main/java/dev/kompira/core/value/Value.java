package dev.kompira.core.value;

/**
 * A value of the jobflow language (language.md §4). Every value has exactly one type, named by
 * {@link #typeName()} as {@code type()} reports it.
 *
 * <p>Arrays and Dictionaries are mutable and shared by reference (D43); every other built-in value
 * is immutable. Values that refer to state outside the process (objects, processes, channels)
 * implement {@link ExternalValue}. Text rendering lives in {@link Rendering}, equality and
 * ordering in {@link Equality} and {@link Ordering}, operators in {@link Operators}.
 *
 * <p>Immutable values are thread-safe; Arrays and Dictionaries belong to one process at a time.
 */
public sealed interface Value permits NullValue, BooleanValue, IntegerValue, FloatValue, StringValue, BinaryValue,
        PatternValue, ArrayValue, DictionaryValue, DatetimeValue, DateValue, TimeValue, TimedeltaValue, MethodValue,
        ExternalValue {

    /** Returns the name {@code type()} gives this value's type (language.md §4.1, D24). */
    String typeName();

    /** Returns whether the value counts as true (language.md §4.16). */
    boolean truthy();
}
