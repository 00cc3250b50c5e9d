package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PrivateBrokerTest {

    @Test
    void virtualHostsAreSeparateAndCloseLeavesNoProcessBehind() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available(), "rabbitmq-server is not installed");
        List<ProcessHandle> before = brokerProcesses();
        PrivateBroker broker = PrivateBroker.start(2);
        String first = broker.newVirtualHost();
        String second = broker.newVirtualHost();
        assertNotEquals(first, second);
        try (Connection a = connect(first); Connection b = connect(second)) {
            Channel ca = a.createChannel();
            ca.queueDeclare("q", true, false, false, null);
            ca.basicPublish("", "q", null, "hello".getBytes(StandardCharsets.UTF_8));
            Channel cb = b.createChannel();
            cb.queueDeclare("q", true, false, false, null);
            assertEquals(null, cb.basicGet("q", true), "a message of one virtual host appeared in another");
            GetResponse got = null;
            for (int i = 0; i < 50 && got == null; i++) {
                got = ca.basicGet("q", true);
            }
            assertEquals("hello", new String(got.getBody(), StandardCharsets.UTF_8));
        }
        assertThrows(IllegalStateException.class, broker::newVirtualHost);
        List<ProcessHandle> started = brokerProcesses().stream().filter(p -> !before.contains(p)).toList();
        assertFalse(started.isEmpty(), "no broker process found");
        int port = broker.port();
        broker.close();
        for (ProcessHandle p : started) {
            assertFalse(p.isAlive() && !zombie(p), "left behind: " + p.info().command().orElse("?"));
        }
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close());
    }

    private static Connection connect(String uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        return factory.newConnection();
    }

    private static List<ProcessHandle> brokerProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("beam.smp") || c.endsWith("epmd")).orElse(false))
                .toList();
    }

    /** An exited daemon whose parent has not collected it yet is gone for every practical purpose. */
    private static boolean zombie(ProcessHandle p) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException gone) {
            return true;
        }
    }

}
