package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLifecycleTest {

    @TempDir
    Path dir;

    /** The live threads, but the JDK HTTP client's of the test itself, which end when the client is collected. */
    private static Set<String> threads() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(t -> !t.getName().startsWith("HttpClient-"))
                .forEach(t -> names.add(t.getName() + "#" + t.getId()));
        return names;
    }

    @Test
    void closingLeavesNoThreadBehindAndFreesThePort() throws Exception {
        try (Kompira engine = Kompira.builder().build()) {
            engine.tree().get("/");
            Set<String> before = threads();
            TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
            String token = tokens.create("t", Role.VIEWER);
            int port;
            try (KompiraServer server = KompiraServer.builder().engine(engine).tokens(tokens)
                    .listen(new InetSocketAddress("127.0.0.1", 0)).build().start()) {
                port = server.port();
                assertTrue(port > 0);
                assertEquals(200, new ApiClient(port).get("/api/v1/health", token).statusCode());
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            Set<String> left = threads();
            left.removeAll(before);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                left = threads();
                left.removeAll(before);
            }
            assertEquals(Set.of(), left, "threads the server started and left running");
            assertThrows(ConnectException.class, () -> new ApiClient(port).get("/api/v1/health", token));
        }
    }

    @Test
    void aServerStartsOnce() throws Exception {
        try (Kompira engine = Kompira.builder().build();
                KompiraServer server = KompiraServer.builder().engine(engine).tokens(TokenStore.open(dir.resolve("t.json")))
                        .listen(new InetSocketAddress("127.0.0.1", 0)).build()) {
            server.start();
            assertThrows(IllegalStateException.class, server::start);
        }
    }
}
