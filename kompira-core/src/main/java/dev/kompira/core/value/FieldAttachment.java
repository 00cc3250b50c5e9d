package dev.kompira.core.value;

/**
 * The write-back of an Array or Dictionary read straight from an object's field (language.md D37),
 * saying which field it writes, so that a saved process attaches the value again when it resumes.
 * Immutable.
 *
 * @param owner  the Object value whose field the container was read from
 * @param field  the field's name
 * @param target what writes the field
 */
public record FieldAttachment(Value owner, String field, WriteBack target) implements WriteBack {

    @Override
    public void write(Value container) {
        target.write(container);
    }
}
