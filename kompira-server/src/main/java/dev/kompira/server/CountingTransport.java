package dev.kompira.server;

import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.InteractiveSession;
import dev.kompira.core.transport.SessionOpening;
import dev.kompira.core.transport.SessionRequest;
import dev.kompira.core.transport.Target;
import dev.kompira.core.transport.TransferRequest;
import dev.kompira.core.transport.TransferResult;
import dev.kompira.core.transport.Transport;
import io.micrometer.core.instrument.Counter;
import java.util.concurrent.CompletionStage;

/**
 * A transport that counts the commands it runs, and those that failed (a non-zero exit status, an
 * unreachable target, a timeout), and otherwise is the transport it wraps. Thread-safe as the
 * transport it wraps.
 */
final class CountingTransport implements Transport {

    private final Transport delegate;
    private final Counter run;
    private final Counter failed;

    CountingTransport(Transport delegate, Counter run, Counter failed) {
        this.delegate = delegate;
        this.run = run;
        this.failed = failed;
    }

    @Override
    public boolean supports(String conntype) {
        return delegate.supports(conntype);
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

    @Override
    public CompletionStage<TransferResult> transfer(TransferRequest request) {
        return delegate.transfer(request);
    }

    @Override
    public CompletionStage<SessionOpening> openSession(SessionRequest request, InteractiveSession.Output output) {
        return delegate.openSession(request, output);
    }

    @Override
    public void forget(Target target) {
        delegate.forget(target);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
