package dev.kompira.core.store;

import dev.kompira.core.value.ExternalValue;

/**
 * The stored form of an Object field value (objects.md §3.7): the identity of the target, so that
 * renaming or moving the target keeps the reference valid. The object layer turns it into an
 * Object value when a jobflow reads the field.
 *
 * @param id the target's object id
 */
public record ObjectRef(long id) implements ExternalValue {

    @Override
    public String typeName() {
        return "Object";
    }

    @Override
    public String text() {
        return "<object #" + id + ">";
    }
}
