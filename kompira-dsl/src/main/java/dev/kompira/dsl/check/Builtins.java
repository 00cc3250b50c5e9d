package dev.kompira.dsl.check;

import java.util.Set;

/**
 * The names of the built-in jobs and functions of builtins.md §1.1. Names are resolved at compile
 * time (language.md §7.4 D61, §8.6), so the front end needs the catalogue; the engine binds an
 * implementation to every name listed here.
 */
public final class Builtins {

    /** Built-in jobs: only written as a job, {@code name(args)}. */
    public static final Set<String> JOBS = Set.of(
            "self", "print", "sleep", "exit", "return", "abort", "assert", "detach", "suspend",
            "urlopen", "mailto", "download", "upload",
            "put", "get", "reboot");

    /** Built-in functions: usable inside expressions and as a job. */
    public static final Set<String> FUNCTIONS = Set.of(
            "now", "current", "channel", "datetime", "date", "time", "timedelta", "int", "float", "pattern",
            "path", "user", "group", "string", "bytes", "type", "decode", "encode", "length", "has_key",
            "json_parse", "json_dump", "mail_parse", "iprange");

    private Builtins() {
    }

    /** Returns whether {@code name} is a built-in job. */
    public static boolean isJob(String name) {
        return JOBS.contains(name);
    }

    /** Returns whether {@code name} is a built-in function. */
    public static boolean isFunction(String name) {
        return FUNCTIONS.contains(name);
    }

    /** Returns whether {@code name} is a built-in job or function. */
    public static boolean isBuiltin(String name) {
        return isJob(name) || isFunction(name);
    }
}
