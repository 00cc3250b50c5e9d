package dev.kompira.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.CommandResult;
import dev.kompira.core.transport.Target;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** amqps://: the broker's certificate is checked (the RabbitMQ client alone trusts any), and secrets may travel. */
class TlsTest {

    @Test
    void anUntrustedCertificateIsRefusedAndATrustedOneCarriesPasswords() throws Exception {
        Assumptions.assumeTrue(PrivateBroker.available() && Files.isExecutable(java.nio.file.Path.of("/usr/bin/openssl")),
                "rabbitmq-server or openssl is not installed");
        try (PrivateBroker broker = PrivateBroker.startWithTls(1)) {
            URI plain = URI.create(broker.newVirtualHost());
            URI tls = URI.create("amqps://guest:guest@localhost:" + broker.tlsPort() + "/t1");
            IOException refused = assertThrows(IOException.class, () -> AmqpTransport.connect(tls));
            assertTrue(refused.getMessage().startsWith("cannot connect to the AMQP broker at amqps://guest:***@localhost:"),
                    refused.getMessage());
            // the certificate names localhost, not the address
            URI byAddress = URI.create("amqps://guest:guest@127.0.0.1:" + broker.tlsPort() + "/t1");
            IOException wrongName = assertThrows(IOException.class, () -> AmqpTransport.connect(byAddress, false, trusting(broker)),
                    "a certificate for another host name was accepted");
            assertTrue(wrongName.getMessage().startsWith("cannot connect to the AMQP broker at amqps://guest:***@127.0.0.1:"),
                    wrongName.getMessage());
            try (AmqpTransport engine = AmqpTransport.connect(tls, false, trusting(broker));
                    JobManager worker = JobManager.start(plain, "lab", 1)) {
                CommandRequest withPassword = new CommandRequest(new Target("local", null, 0, "ops", "secret", null, null),
                        "echo sent", true, "/bin/sh", null, false, false, true, new byte[0], null, StandardCharsets.UTF_8);
                CommandResult result = engine.execute("lab", withPassword).toCompletableFuture().get(20, TimeUnit.SECONDS);
                assertEquals("sent\n", new String(assertInstanceOf(CommandResult.Completed.class, result).stdout(),
                        StandardCharsets.UTF_8));
            }
        }
    }

    /** A TLS context that trusts the broker's own certificate authority. */
    private static SSLContext trusting(PrivateBroker broker) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(broker.certificateAuthority())) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
