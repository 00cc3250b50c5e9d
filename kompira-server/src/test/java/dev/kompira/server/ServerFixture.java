package dev.kompira.server;

import dev.kompira.core.Kompira;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * An engine with an in-memory tree, a server for it on a free loopback port, and one token of each
 * role; closed in reverse order.
 */
final class ServerFixture implements AutoCloseable {

    final Kompira engine;
    final TokenStore tokens;
    final KompiraServer server;
    final ApiClient client;
    final Map<Role, String> token = new EnumMap<>(Role.class);

    ServerFixture(Path dir) {
        this(dir, KompiraServer.builder());
    }

    ServerFixture(Path dir, KompiraServer.Builder builder) {
        this(dir, builder, Kompira.builder().build());
    }

    /** A server for {@code engine}, which the fixture closes. */
    ServerFixture(Path dir, KompiraServer.Builder builder, Kompira engine) {
        this.engine = engine;
        this.tokens = TokenStore.open(dir.resolve("tokens.json"));
        for (Role r : Role.values()) {
            token.put(r, tokens.create(r.label(), r));
        }
        this.server = builder.engine(engine).tokens(tokens).listen(new InetSocketAddress("127.0.0.1", 0)).build().start();
        this.client = new ApiClient(server.port());
    }

    String viewer() {
        return token.get(Role.VIEWER);
    }

    String operator() {
        return token.get(Role.OPERATOR);
    }

    String admin() {
        return token.get(Role.ADMIN);
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }
}
