package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.Kompira;
import dev.kompira.core.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTPS, with a keystore made by keytool and a client that trusts its certificate. */
class TlsTest {

    @TempDir
    Path dir;

    @Test
    void theApiIsServedOverTlsOnlyToAClientThatTrustsTheCertificate() throws Exception {
        Path keystore = LoopbackHttpServer.selfSignedKeystore(dir, "localhost");
        TokenStore tokens = TokenStore.open(dir.resolve("tokens.json"));
        String viewer = tokens.create("viewer", Role.VIEWER);
        try (Kompira engine = Kompira.builder().build();
                KompiraServer server = KompiraServer.builder().engine(engine).tokens(tokens)
                        .tls(keystore, "secret".toCharArray()).listen(new InetSocketAddress("127.0.0.1", 0)).build().start()) {
            assertEquals("https", server.scheme());
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + server.port() + "/api/v1/health"))
                    .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"ok\""), health.body());

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest cleartext = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + viewer).build();
            HttpResponse<String> refused = sendOrNull(plain, cleartext);
            assertTrue(refused == null || refused.statusCode() == 400, "no plain HTTP answer on the TLS port: " + refused);
            HttpRequest untrusted = HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            assertThrows(IOException.class, () -> plain.send(untrusted, HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the certificate does not connect");
        }
    }

    @Test
    void aKeystoreThatCannotBeUsedIsRefusedWhenTheServerIsBuilt() throws Exception {
        Path keystore = LoopbackHttpServer.selfSignedKeystore(dir, "localhost");
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> KompiraServer.builder().tls(keystore, "wrong".toCharArray()));
        assertTrue(wrong.getMessage().contains("the password is wrong"), wrong.getMessage());
        Path missing = dir.resolve("missing.p12");
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> KompiraServer.builder().tls(missing, "secret".toCharArray()));
        assertTrue(absent.getMessage().startsWith("cannot read the PKCS12 keystore " + missing), absent.getMessage());
    }

    private static HttpResponse<String> sendOrNull(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closedByTheServer) {
            return null;
        }
    }

    /** An SSL context that trusts the certificate of {@code keystore} (password {@code secret}). */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "secret".toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", store.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
