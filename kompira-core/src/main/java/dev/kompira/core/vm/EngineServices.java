package dev.kompira.core.vm;

import dev.kompira.core.builtin.CallContext;
import dev.kompira.core.mail.MailSupport;
import dev.kompira.core.http.HttpClients;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.process.CheckpointStore;
import dev.kompira.core.process.ConsoleListener;
import dev.kompira.core.process.StepHandler;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.DictionaryValue;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What the engine lends its processes: carrier threads, a timer, transports, HTTP clients, time, console
 * listeners and options. Built by {@code Kompira}; processes never reach for global state.
 *
 * @param carriers      runs process slices; never blocks
 * @param timer         schedules wake-ups (sleep, timeouts)
 * @param transports    command transports, first match wins
 * @param zone          the engine zone (D38)
 * @param clock         the engine clock
 * @param showCommands  echo each command before it runs (D73)
 * @param environment   a fresh copy of {@code $ENV} for each process (D56)
 * @param console       receives console output of every process
 * @param registry      the processes by pid
 * @param limiter       the limit on concurrently active processes
 * @param stepHandler   decides pending steps of processes in step mode, or Java null (they suspend)
 * @param checkpoints   where processes in checkpoint mode save their state, or Java null
 * @param tree          the object tree
 * @param jobflows      the compiled Jobflow objects of the tree
 * @param multiplicity  the multiplicity locks of Jobflow objects
 * @param mail          builds, sends and parses mail, or Java null when the engine has no mail support
 * @param http          the HTTP clients of {@code urlopen}
 * @param jobManagers   runs the commands of realms at job managers, or Java null when every command runs from the engine
 */
public record EngineServices(Executor carriers, ScheduledExecutorService timer, List<Transport> transports, ZoneId zone,
        Clock clock, boolean showCommands, Supplier<DictionaryValue> environment,
        ConsoleListener console, ProcessRegistry registry, ProcessLimiter limiter, StepHandler stepHandler,
        CheckpointStore checkpoints, ObjectTree tree, JobflowObjects jobflows, Multiplicity multiplicity, MailSupport mail,
        HttpClients http, RealmTransport jobManagers)
        implements CallContext {

    /** Copies the transport list. */
    public EngineServices {
        transports = List.copyOf(transports);
    }

    /** Returns the first transport that handles {@code conntype}, or Java null. */
    Transport transportFor(String conntype) {
        for (Transport t : transports) {
            if (t.supports(conntype)) {
                return t;
            }
        }
        return null;
    }
}
