package dev.kompira.core.object.io;

import dev.kompira.core.object.FieldRules;
import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.object.types.TypeDefinition;
import java.util.Set;

/**
 * The type-specific rules of objects.md §7.5, keyed by the path of the built-in type object (a
 * user type that happens to be called {@code Jobflow} elsewhere is an ordinary type). Stateless.
 */
final class TypeNotes {

    /**
     * The field of a Config's stored fields that holds its {@code data} dictionary (§4.9). Config's
     * type declares no field of that name, so it cannot clash with a declared field; reads through
     * the type's declarations never see it.
     */
    static final String CONFIG_DATA = "data";

    /** The declaration arrays of TypeObject, Config and Form. */
    static final Set<String> DECLARATION_FIELDS = Set.of(TypeDefinition.FIELD_NAMES,
            TypeDefinition.FIELD_DISPLAY_NAMES, TypeDefinition.FIELD_TYPES);

    private TypeNotes() {
    }

    /** Returns the path of the built-in type object {@code name}. */
    static String path(String name) {
        return BuiltinTypes.TYPES_DIRECTORY + "/" + name;
    }

    /** Returns whether {@code field} of objects of the type at {@code typePath} is derived. */
    static boolean isDerived(String typePath, String field) {
        return FieldRules.isDerived(typePath, field);
    }

    /** Returns whether {@code field} of objects of the type at {@code typePath} is a channel queue. */
    static boolean isQueue(String typePath, String field) {
        return FieldRules.isQueue(typePath, field);
    }

    /** Returns whether objects of the type at {@code typePath} carry field declarations. */
    static boolean declaresFields(String typePath) {
        return FieldRules.declaresFields(typePath);
    }

    /** Returns whether the type at {@code typePath} is Config. */
    static boolean isConfig(String typePath) {
        return path("Config").equals(typePath);
    }

    /** Returns whether the type at {@code typePath} is Virtual (its records are not exported, §7.8). */
    static boolean isVirtual(String typePath) {
        return path("Virtual").equals(typePath);
    }
}
