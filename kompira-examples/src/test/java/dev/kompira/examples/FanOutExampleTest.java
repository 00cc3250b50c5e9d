package dev.kompira.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.ssh.TestSshServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FanOutExampleTest {

    @TempDir
    Path dir;

    @Test
    void everyNodeAnswersAtOnceAndAnUnreachableOneIsReported() throws Exception {
        List<TestSshServer> servers = new ArrayList<>();
        try {
            StringBuilder knownHosts = new StringBuilder();
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestSshServer server = new TestSshServer(dir.resolve("host_key" + i), null);
                servers.add(server);
                knownHosts.append(server.knownHostsLine());
                ports.add(server.port());
            }
            int down;
            try (ServerSocket socket = new ServerSocket(0)) {
                down = socket.getLocalPort();
            }
            ports.add(down);
            Path file = Files.writeString(dir.resolve("known_hosts"), knownHosts);
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            ProcessOutcome outcome = FanOutExample.run(file, TestSshServer.USER, TestSshServer.PASSWORD, ports,
                    new PrintStream(console, true, StandardCharsets.UTF_8));
            assertTrue(outcome.isDone(), outcome + "\n" + console);
            List<String> lines = console.toString(StandardCharsets.UTF_8).lines().sorted().toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                expected.add("node" + ports.get(i) + ": ok");
            }
            expected.add("node" + down + ": unreachable: connection refused by 127.0.0.1:" + down);
            assertEquals(expected.stream().sorted().toList(), lines);
        } finally {
            for (TestSshServer s : servers) {
                s.close();
            }
        }
    }
}
