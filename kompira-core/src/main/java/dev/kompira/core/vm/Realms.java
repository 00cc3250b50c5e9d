package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which realm serves a command (objects.md §4.15): {@code __realm__} when it is set, else the first
 * enabled realm of {@code /config/realms}, in table order, whose {@code range} matches the target
 * host, with {@code default} tried last. Ranges hold host names or addresses with {@code *}
 * wildcards, compared without regard to case. Stateless.
 */
final class Realms {

    /** The Table of realms. */
    static final String TABLE = "/config/realms";
    /** The realm that catches the hosts no other realm serves. */
    static final String DEFAULT = "default";

    private Realms() {
    }

    /**
     * Returns the realm of a command: {@code explicit} ({@code __realm__}: a Realm object, its path
     * or its name in {@code /config/realms}) when it is set, else the realm whose range matches
     * {@code host}; empty when no enabled realm serves {@code host}. Without a Table of realms every
     * host belongs to {@code default}.
     *
     * @throws JobflowError {@code R-CONTROL} when {@code __realm__} names no realm or a disabled one
     */
    static Optional<String> of(ObjectTree tree, String base, Value explicit, String host) {
        if (isSet(explicit)) {
            return Optional.of(named(tree, base, explicit));
        }
        Optional<StoredObject> table = tree.get(TABLE);
        if (table.isEmpty()) {
            return Optional.of(DEFAULT);
        }
        StoredObject fallback = null;
        for (StoredObject realm : tree.children(table.get().id())) {
            if (realm.name().equals(DEFAULT)) {
                fallback = realm;
            } else if (serves(tree, realm, host)) {
                return Optional.of(realm.name());
            }
        }
        return fallback != null && serves(tree, fallback, host) ? Optional.of(DEFAULT) : Optional.empty();
    }

    /** The message of {@code $ERROR} when no realm serves {@code host}. */
    static String noRealm(String host) {
        return "no enabled realm of " + TABLE + " serves host '" + host + "'";
    }

    private static String named(ObjectTree tree, String base, Value explicit) {
        StoredObject realm;
        if (explicit instanceof ObjectValue object) {
            realm = object.stored();
        } else if (explicit instanceof StringValue s && s.value().contains("/")) {
            realm = tree.require(s.value(), base);
        } else if (explicit instanceof StringValue s) {
            realm = tree.get(TABLE + "/" + s.value()).orElseThrow(() -> new JobflowError(ErrorCode.R_CONTROL,
                    "__realm__ '" + s.value() + "' is not a realm of " + TABLE));
        } else {
            throw new JobflowError(ErrorCode.R_CONTROL, "__realm__ must be a Realm object or its name, got a "
                    + explicit.typeName());
        }
        if (!tree.typeName(realm).equals("Realm")) {
            throw new JobflowError(ErrorCode.R_CONTROL, "__realm__ must be a Realm object or its name, got "
                    + realm.path() + " (a " + tree.typeName(realm) + ")");
        }
        if (tree.readField(realm, "disabled").truthy()) {
            throw new JobflowError(ErrorCode.R_CONTROL, "__realm__ names the disabled realm " + realm.path());
        }
        return realm.name();
    }

    private static boolean serves(ObjectTree tree, StoredObject realm, String host) {
        if (!tree.typeName(realm).equals("Realm") || tree.readField(realm, "disabled").truthy()) {
            return false;
        }
        if (!(tree.readField(realm, "range") instanceof ArrayValue range)) {
            return false;
        }
        for (Value entry : range.items()) {
            if (entry != NullValue.NULL && matches(Rendering.text(entry), host)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code host} matches {@code pattern}, where {@code *} stands for any characters. */
    static boolean matches(String pattern, String host) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String part : pattern.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts), Pattern.DOTALL).matcher(host.toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether {@code __realm__} is set: not undefined, null or empty. */
    static boolean isSet(Value v) {
        return v != null && v != NullValue.NULL && !(v instanceof StringValue s && s.value().isEmpty());
    }
}
