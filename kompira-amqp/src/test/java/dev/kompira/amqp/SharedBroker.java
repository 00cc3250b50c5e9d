package dev.kompira.amqp;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link PrivateBroker} shared by the tests of one class, each with virtual hosts of its own:
 * started before them (the class is skipped where {@code rabbitmq-server} is not installed) and
 * stopped after them. Register it as a static field with {@code @RegisterExtension}.
 */
public final class SharedBroker implements BeforeAllCallback, AfterAllCallback {

    private final int virtualHosts;
    private PrivateBroker broker;

    /** A broker with {@code virtualHosts} virtual hosts for the class's tests. */
    public SharedBroker(int virtualHosts) {
        this.virtualHosts = virtualHosts;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        broker = PrivateBroker.start(virtualHosts);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The running broker. */
    public PrivateBroker get() {
        return broker;
    }
}
