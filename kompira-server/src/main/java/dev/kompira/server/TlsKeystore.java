package dev.kompira.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server's certificate and private key, from a PKCS12 keystore read once when the server is
 * built, and the Jetty connector that serves HTTPS with them. Immutable.
 *
 * @param keyStore the loaded keystore
 * @param password its password, which is also its key's (as keytool and openssl make PKCS12 files)
 */
record TlsKeystore(KeyStore keyStore, String password) {

    /**
     * Reads the PKCS12 keystore {@code file}.
     *
     * @throws IllegalArgumentException when it cannot be read, the password is wrong, or it holds no private key
     */
    static TlsKeystore read(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return new TlsKeystore(store, new String(password));
                }
            }
            throw new IllegalArgumentException("the keystore " + file + " holds no private key: make one with "
                    + "keytool -genkeypair -storetype PKCS12, or openssl pkcs12 -export");
        } catch (IOException e) {
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException ? "the password is wrong"
                    : e.getMessage();
            throw new IllegalArgumentException("cannot read the PKCS12 keystore " + file + ": " + why, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the PKCS12 keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns a connector serving HTTPS (HTTP/1.1 over TLS) on {@code host}:{@code port}. */
    Connector connector(Server server, HttpConfiguration http, String host, int port) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword(password);
        // one certificate, chosen whatever name the client asked for; the client checks the name itself
        http.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "TlsKeystore[PKCS12]";
    }
}
