package dev.kompira.core.value;

import java.util.Objects;

/**
 * The content of a File field (language.md §4.13, objects.md §3.3): a file name and its bytes.
 * Type name {@code File}; its text form is the name. Two File values are equal when they have the
 * same name and the same bytes. The members {@code name}, {@code data}, {@code size} and
 * {@code url} are read (and {@code name}/{@code data} written) through the object layer, which
 * knows the field the value belongs to.
 *
 * <p>Immutable and thread-safe: changing a member produces a new File value.
 *
 * @param name the file name (not empty when written through a field, objects.md §3.7)
 * @param data the content
 */
public record FileValue(String name, BinaryValue data) implements ExternalValue {

    /** Checks the components. */
    public FileValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    /** Returns the size of the content in bytes (the read-only member {@code size}). */
    public int size() {
        return data.length();
    }

    /**
     * Returns the download URL (the read-only member {@code url}), or Java {@code null}: a URI is
     * only known to the store that keeps the bytes (objects.md §3.3), and a bare value has none.
     */
    public String url() {
        return null;
    }

    /** Returns this file with another name. */
    public FileValue withName(String newName) {
        return new FileValue(newName, data);
    }

    /** Returns this file with other content. */
    public FileValue withData(BinaryValue newData) {
        return new FileValue(name, newData);
    }

    @Override
    public String typeName() {
        return "File";
    }

    @Override
    public String text() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
