package dev.kompira.core.vm;

/**
 * Where a name lives, as resolved by the compiler: {@code hops} scopes out from the scope of the
 * code that uses it, at index {@code index}.
 *
 * @param name  the variable's name, for messages
 * @param hops  the number of scopes to climb
 * @param index the slot within that scope
 */
record Slot(String name, int hops, int index) {
}
