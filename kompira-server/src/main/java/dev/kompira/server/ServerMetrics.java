package dev.kompira.server;

import dev.kompira.core.Kompira;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessQuery;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.transport.RealmTransport;
import dev.kompira.core.transport.Transport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * What {@code GET /metrics} reports, in Prometheus text through Micrometer (docs/server.md):
 * processes by state, commands run and failed, channel queue lengths, API requests by route and
 * status, and SSH connections open when told how to count them. Commands are counted by the
 * transports {@link #counting(Transport) wrapped} for the engine, so make the metrics before the
 * engine and give them to {@link KompiraServer.Builder#metrics}. Thread-safe.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter commands = Counter.builder("kompira.commands").description("commands run").register(registry);
    private final Counter failed = Counter.builder("kompira.commands.failed")
            .description("commands that exited non-zero, timed out or could not reach their target").register(registry);
    private final MultiGauge processes = MultiGauge.builder("kompira.processes")
            .description("processes of the engine by state").register(registry);
    private final MultiGauge queues = MultiGauge.builder("kompira.channel.queue.length")
            .description("messages queued in each Channel opened since the engine started").register(registry);
    private Kompira engine;
    /** Null unless the engine has job managers. */
    private volatile JobManagerMetrics jobManagers;

    private ServerMetrics() {
    }

    /** Returns new metrics, with nothing counted yet. */
    public static ServerMetrics create() {
        return new ServerMetrics();
    }

    /** Returns {@code transport} counting the commands it runs; give it to the engine's builder. */
    public Transport counting(Transport transport) {
        return new CountingTransport(Objects.requireNonNull(transport, "transport"), commands, failed);
    }

    /** Reports {@code open} as the SSH connections open ({@code kompira_ssh_connections_open}); returns this. */
    public ServerMetrics sshConnections(IntSupplier open) {
        // held strongly: the supplier is often a method reference nobody else keeps, and a gauge's weak
        // reference would let it be collected, after which the gauge reads NaN
        Gauge.builder("kompira.ssh.connections.open", open, s -> s.getAsInt()).strongReference(true)
                .description("SSH connections open, in use or cached for reuse").register(registry);
        return this;
    }

    /**
     * Reports what {@code jobManagers} (the engine's transport to job managers) says of itself at each
     * scrape ({@link RealmTransport#stats()}): commands waiting and running by realm, those sent,
     * completed, lost and dead-lettered, broker reconnections and whether the broker is connected;
     * returns this. Nothing is reported for a transport that does not count.
     */
    public ServerMetrics jobManagers(RealmTransport jobManagers) {
        this.jobManagers = new JobManagerMetrics(Objects.requireNonNull(jobManagers, "jobManagers"), registry);
        return this;
    }

    /** The engine whose processes and channels are reported; set once by the server. */
    synchronized void engine(Kompira value) {
        this.engine = value;
    }

    /** Counts one answered API request. */
    void request(String method, String route, int status) {
        registry.counter("kompira.api.requests", Tags.of("method", method, "route", route, "status",
                String.valueOf(status))).increment();
    }

    /** Returns every metric in the Prometheus text format, the gauges as they are now. */
    synchronized String scrape() {
        if (engine != null) {
            refresh(engine);
        }
        if (jobManagers != null) {
            jobManagers.refresh();
        }
        return registry.scrape();
    }

    private void refresh(Kompira kompira) {
        Map<ProcessState, Integer> byState = new EnumMap<>(ProcessState.class);
        for (ProcessState s : ProcessState.values()) {
            byState.put(s, 0);
        }
        for (JobflowProcess p : kompira.processes(ProcessQuery.all())) {
            byState.merge(p.state(), 1, Integer::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byState.forEach((state, n) -> rows.add(MultiGauge.Row.of(Tags.of("state", state.name()), n)));
        processes.register(rows, true);

        List<MultiGauge.Row<?>> lengths = new ArrayList<>();
        for (Map.Entry<Long, ChannelValue> c : kompira.tree().openChannels().entrySet()) {
            kompira.tree().get(c.getKey()).map(StoredObject::path).ifPresent(path ->
                    lengths.add(MultiGauge.Row.of(Tags.of("channel", path), c.getValue().pending().size())));
        }
        queues.register(lengths, true);
    }
}
