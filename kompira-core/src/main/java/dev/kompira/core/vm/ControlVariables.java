package dev.kompira.core.vm;

import java.util.List;

/** The control variables of language.md §6.6 that the engine reads when it runs a command. */
final class ControlVariables {

    /** The names the engine reads; every one gets a jobflow-scope slot so that any job can see it. */
    static final List<String> NAMES = List.of("__host__", "__node__", "__account__", "__user__", "__password__",
            "__keyfile__", "__passphrase__", "__port__", "__conntype__", "__proxy__", "__realm__", "__sudo__", "__dir__",
            "__shell__", "__use_shell__", "__use_pty__", "__use_cache__", "__timeout__", "__raw_stdout__",
            "__raw_stderr__", "__encoding__");

    private ControlVariables() {
    }

    /** Returns whether {@code name} has the reserved {@code __name__} form of a control variable (§2.5). */
    static boolean isControlName(String name) {
        return name.length() > 4 && name.startsWith("__") && name.endsWith("__");
    }
}
