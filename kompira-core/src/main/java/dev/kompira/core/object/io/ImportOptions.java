package dev.kompira.core.object.io;

import java.util.Objects;

/**
 * The options of a JSON import (objects.md §7.7). Immutable; the {@code with...} methods return
 * changed copies.
 *
 * @param overwrite    update objects that already exist (otherwise they are skipped, fields included)
 * @param updateConfig with {@code overwrite}, also replace the {@code data} of existing Configs
 * @param keepOwner    use the exported owner (the library has no user registry, so every exported
 *                     owner counts as an existing user); otherwise every object is owned by {@code principal}
 * @param stampUpdated the import does not try to keep the exported {@code created}/{@code updated}
 * @param lenient      entries with errors are skipped and the rest is committed; otherwise any error
 *                     rolls the whole import back
 * @param principal    the importing user, owner of objects whose exported owner is not kept
 */
public record ImportOptions(boolean overwrite, boolean updateConfig, boolean keepOwner, boolean stampUpdated,
        boolean lenient, String principal) {

    /** Checks the components. */
    public ImportOptions {
        Objects.requireNonNull(principal, "principal");
    }

    /** Returns the defaults: no overwrite, owners kept, all or nothing, principal {@code root}. */
    public static ImportOptions defaults() {
        return new ImportOptions(false, false, true, false, false, "root");
    }

    /** Returns these options with {@code overwrite} changed. */
    public ImportOptions withOverwrite(boolean value) {
        return new ImportOptions(value, updateConfig, keepOwner, stampUpdated, lenient, principal);
    }

    /** Returns these options with {@code updateConfig} changed. */
    public ImportOptions withUpdateConfig(boolean value) {
        return new ImportOptions(overwrite, value, keepOwner, stampUpdated, lenient, principal);
    }

    /** Returns these options with {@code keepOwner} changed. */
    public ImportOptions withKeepOwner(boolean value) {
        return new ImportOptions(overwrite, updateConfig, value, stampUpdated, lenient, principal);
    }

    /** Returns these options with {@code stampUpdated} changed. */
    public ImportOptions withStampUpdated(boolean value) {
        return new ImportOptions(overwrite, updateConfig, keepOwner, value, lenient, principal);
    }

    /** Returns these options with {@code lenient} changed. */
    public ImportOptions withLenient(boolean value) {
        return new ImportOptions(overwrite, updateConfig, keepOwner, stampUpdated, value, principal);
    }

    /** Returns these options with another importing user. */
    public ImportOptions withPrincipal(String value) {
        return new ImportOptions(overwrite, updateConfig, keepOwner, stampUpdated, lenient, value);
    }
}
