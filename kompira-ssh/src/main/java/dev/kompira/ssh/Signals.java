package dev.kompira.ssh;

import java.util.Map;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** The POSIX numbers of the signals SSH names (RFC 4254 §6.10), for the 128 + n status of D70. */
final class Signals {

    private static final Map<Signal, Integer> NUMBERS = Map.ofEntries(Map.entry(Signal.HUP, 1), Map.entry(Signal.INT, 2),
            Map.entry(Signal.QUIT, 3), Map.entry(Signal.ILL, 4), Map.entry(Signal.ABRT, 6), Map.entry(Signal.FPE, 8),
            Map.entry(Signal.KILL, 9), Map.entry(Signal.USR1, 10), Map.entry(Signal.SEGV, 11), Map.entry(Signal.USR2, 12),
            Map.entry(Signal.PIPE, 13), Map.entry(Signal.ALRM, 14), Map.entry(Signal.TERM, 15));

    private Signals() {
    }

    /** Returns the number of {@code signal}; an unknown one counts as SIGKILL's. */
    static int number(Signal signal) {
        return NUMBERS.getOrDefault(signal, 9);
    }
}
