package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobflows whose commands go to job managers through a private broker, as `kompira run --amqp` runs them. */
class JobflowOverAmqpTest {

    private static PrivateBroker broker;
    private final StringBuilder console = new StringBuilder();

    @BeforeAll
    static void startBroker() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        broker = PrivateBroker.start(4);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private Kompira engine(URI uri) throws Exception {
        return Kompira.builder().jobManagers(AmqpTransport.connect(uri)).console((pid, text) -> {
            synchronized (console) {
                console.append(text);
            }
        }).build();
    }

    @Test
    void aCommandWaitsForAJobManagerOfItsRealmAndRunsThere() throws Exception {
        URI uri = URI.create(broker.newVirtualHost());
        try (Kompira engine = engine(uri)) {
            JobflowProcess p = engine.start(engine.compile("lab.kjf",
                    "[/config/realms.add: 'lab', /system/types/Realm, {range = ['lab-*']}] ->\n"
                            + "[__realm__ = 'lab'] -> ['echo \"$0 ran\"; exit 4'] => print($STATUS, $RESULT)"), Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.state() != ProcessState.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            assertEquals(ProcessState.WAITING, p.state(), "a command without a job manager should wait");
            try (JobManager lab = JobManager.start(uri, "lab", 1)) {
                ProcessOutcome outcome = p.await();
                assertTrue(outcome.isDone(), outcome + "\n" + console);
            }
        }
        assertEquals("4 /bin/bash ran\n", console.toString());
    }

    @Test
    void aRealmWithoutJobManagerFailsTheJobAfterItsTimeout() throws Exception {
        URI uri = URI.create(broker.newVirtualHost());
        try (Kompira engine = engine(uri); JobManager other = JobManager.start(uri, "default", 1)) {
            ProcessOutcome outcome = engine.start(engine.compile("lab.kjf",
                    "[/config/realms.add: 'lab', /system/types/Realm, {range = ['lab-*']}] ->\n"
                            + "[__host__ = 'lab-1', __timeout__ = 1] -> ['hostname'] ->> print($STATUS, $ERROR)"), Map.of())
                    .await();
            assertTrue(outcome.isDone(), outcome + "\n" + console);
        }
        assertEquals("-1 no job manager of realm 'lab' took the command within 1 seconds\n", console.toString());
    }
}
