package dev.kompira.server;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What a token may do through the API: each role can do what the roles before it can. Immutable.
 */
public enum Role implements RouteRole {
    /** Reads processes, consoles, channels, objects and health. */
    VIEWER,
    /** Also starts, suspends, resumes and terminates processes and sends messages to channels. */
    OPERATOR,
    /** Also manages tokens (and, in later versions, schedules and store reloads). */
    ADMIN;

    /** Returns whether a token of this role may use a route that needs {@code needed}. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    /** Returns the role's name as the CLI and the API write it: {@code viewer}, {@code operator}, {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the role named {@code label}, in any case.
     *
     * @throws IllegalArgumentException when no role has that name, listing the roles
     */
    public static Role parse(String label) {
        for (Role r : values()) {
            if (r.label().equalsIgnoreCase(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + label + "': use viewer, operator or admin");
    }
}
