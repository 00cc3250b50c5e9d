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
import java.util.concurrent.CompletionStage;

/**
 * A transport that passes every call to the transport it wraps, for the server's wrappers to
 * override what they watch. Thread-safe as the transport it wraps.
 */
abstract class ForwardingTransport implements Transport {

    /** The wrapped transport. */
    protected final Transport delegate;

    ForwardingTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean supports(String conntype) {
        return delegate.supports(conntype);
    }

    @Override
    public CompletionStage<CommandResult> execute(CommandRequest request) {
        return delegate.execute(request);
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
