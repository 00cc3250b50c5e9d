package dev.kompira.core.object.io;

import dev.kompira.core.object.types.BuiltinTypes;
import dev.kompira.core.object.types.TypeDefinition;
import java.util.Map;
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

    /** The fields that are computed from others, never exported and ignored on import (§7.5). */
    private static final Map<String, Set<String>> DERIVED = Map.of(
            path("Jobflow"), Set.of("code", "parameters", "executable", "errors", "compilerVersion", "compiledDatetime"),
            path("Library"), Set.of("document", "executable"));

    /** The channel queues: exported as null, never imported (an import starts with empty queues). */
    private static final Map<String, Set<String>> QUEUES = Map.of(
            path("Channel"), Set.of("message_queue", "event_queue"),
            path("MailChannel"), Set.of("message_queue", "event_queue"));

    /** The types whose objects declare fields themselves (§3.5). */
    private static final Set<String> DECLARING = Set.of(path("TypeObject"), path("Config"), path("Form"));

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
        return DERIVED.getOrDefault(typePath, Set.of()).contains(field);
    }

    /** Returns whether {@code field} of objects of the type at {@code typePath} is a channel queue. */
    static boolean isQueue(String typePath, String field) {
        return QUEUES.getOrDefault(typePath, Set.of()).contains(field);
    }

    /** Returns whether objects of the type at {@code typePath} carry field declarations. */
    static boolean declaresFields(String typePath) {
        return DECLARING.contains(typePath);
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
