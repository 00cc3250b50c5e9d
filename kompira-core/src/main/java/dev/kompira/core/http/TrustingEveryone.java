package dev.kompira.core.http;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts every server certificate and, being an extended trust manager that checks nothing, every
 * host name: what {@code urlopen(..., verify = false)} asks for (D115). Never used for clients.
 */
final class TrustingEveryone extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // verify = false: any certificate and host name
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // verify = false: any certificate and host name
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // verify = false: any certificate and host name
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("urlopen accepts no client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("urlopen accepts no client connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("urlopen accepts no client connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
