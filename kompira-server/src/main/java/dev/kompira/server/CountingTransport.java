package dev.kompira.server;

import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.Transport;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.CompletionStage;

/**
 * A transport that counts the commands it runs, and those that failed (a non-zero exit status, an
 * unreachable target, a timeout), and otherwise is the transport it wraps. Thread-safe as the
 * transport it wraps.
 */
final class CountingTransport extends ForwardingTransport {

    private final Counter run;
    private final Counter failed;

    CountingTransport(Transport delegate, Counter run, Counter failed) {
        super(delegate);
        this.run = run;
        this.failed = failed;
    }

    @Override
    public CompletionStage<CommandResult> execute(CommandRequest request) {
        return delegate.execute(request).whenComplete((result, error) -> {
            run.increment();
            if (error != null || !(result instanceof CommandResult.Completed c) || c.exitStatus() != 0) {
                failed.increment();
            }
        });
    }
}
