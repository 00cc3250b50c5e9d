package dev.kompira.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * urlopen against a Jetty server that offers HTTP/2 over TLS through ALPN, as most public APIs do (J157):
 * the engine's shared client speaks HTTP/2, and the requests of one engine, from any process, share one
 * connection.
 */
class Http2Test {

    @TempDir
    Path dir;

    private Server server;
    private ServerConnector connector;
    /** The client addresses the server saw: one per TCP connection. */
    private final Set<SocketAddress> clients = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(LoopbackHttpServer.selfSignedKeystore(dir, "localhost").toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword("secret");
        tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
        server = new Server();
        connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                clients.add(request.getConnectionMetaData().getRemoteSocketAddress());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, "served over " + request.getConnectionMetaData().getProtocol(), callback);
                return true;
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void anHttpsServerThatOffersHttp2GetsHttp2AndOneConnectionForManyRequests() throws Exception {
        String base = "https://127.0.0.1:" + connector.getLocalPort();
        String console = FlowRun.run(base, """
                urlopen(base + '/one') -> print($RESULT.version, $RESULT.text, $RESULT.headers['content-type']) ->
                { pfor i in 20 | urlopen(base + '/' + string(i)) -> { if $RESULT.version != 20 | abort('HTTP/1 for ' + string(i)) } } ->
                urlopen(base + '/last') -> print($RESULT.version, $RESULT.text)
                """);
        assertEquals("20 served over HTTP/2.0 text/plain; charset=utf-8\n20 served over HTTP/2.0\n", console);
        assertEquals(1, clients.size(), "connections: " + clients);
    }
}
