package dev.kompira.server;

import dev.kompira.core.transport.RealmStats;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.RealmTransportStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The job manager meters of {@code /metrics} (docs/server.md), read from a {@link RealmTransport}'s
 * {@link RealmTransport#stats() stats} once per scrape: the gauges are set from that snapshot, and the
 * counters of a realm are registered when the realm first shows up and read from the latest
 * snapshot. Thread-safe: {@link #refresh} is called under the scrape's lock.
 */
final class JobManagerMetrics {

    private final RealmTransport transport;
    private final MeterRegistry registry;
    private final MultiGauge waiting;
    private final MultiGauge running;
    /** The latest snapshot, which the counters and the link gauges read. */
    private volatile RealmTransportStats last = new RealmTransportStats(false, 0, List.of());
    private final Map<String, RealmStats> byRealm = new ConcurrentHashMap<>();
    private final Set<String> counted = ConcurrentHashMap.newKeySet();

    JobManagerMetrics(RealmTransport transport, MeterRegistry registry) {
        this.transport = transport;
        this.registry = registry;
        this.waiting = MultiGauge.builder("kompira.jobmanager.commands.waiting")
                .description("commands sent to a realm's job managers that none has started yet").register(registry);
        this.running = MultiGauge.builder("kompira.jobmanager.commands.running")
                .description("commands running at a realm's job managers").register(registry);
        Gauge.builder("kompira.jobmanager.broker.connected", this, m -> m.last.connected() ? 1 : 0)
                .description("1 while the connection to the job managers' broker is up, else 0").register(registry);
        FunctionCounter.builder("kompira.jobmanager.broker.reconnections", this, m -> m.last.reconnections())
                .description("connections to the broker made again after a loss").register(registry);
    }

    /** Takes a new snapshot from the transport and sets the meters from it. */
    void refresh() {
        transport.stats().ifPresent(stats -> {
            last = stats;
            List<MultiGauge.Row<?>> waits = new ArrayList<>();
            List<MultiGauge.Row<?>> runs = new ArrayList<>();
            for (RealmStats r : stats.realms()) {
                byRealm.put(r.realm(), r);
                if (counted.add(r.realm())) {
                    count(r.realm());
                }
                waits.add(MultiGauge.Row.of(Tags.of("realm", r.realm()), r.waiting()));
                runs.add(MultiGauge.Row.of(Tags.of("realm", r.realm()), r.running()));
            }
            waiting.register(waits, true);
            running.register(runs, true);
        });
    }

    private void count(String realm) {
        counter(realm, "sent", "commands sent to the realm's job managers", RealmStats::sent);
        counter(realm, "completed", "commands the realm's job managers answered with their outcome", RealmStats::completed);
        counter(realm, "lost", "commands failed because their job manager was lost while they ran", RealmStats::lost);
        counter(realm, "dead.lettered", "commands the job managers refused into the dead letters", RealmStats::deadLettered);
    }

    private void counter(String realm, String what, String description, ToLongFunction<RealmStats> value) {
        FunctionCounter.builder("kompira.jobmanager.commands." + what, byRealm, m -> value.applyAsLong(m.get(realm)))
                .tags("realm", realm).description(description).register(registry);
    }
}
