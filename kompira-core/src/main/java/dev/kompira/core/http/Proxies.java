package dev.kompira.core.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The {@code proxies} option: a proxy per URL scheme ({@code http}, {@code https}); a scheme
 * without an entry goes direct. Immutable; equal values share one client ({@link HttpClients}).
 *
 * @param byScheme proxy address per scheme
 */
public record Proxies(Map<String, InetSocketAddress> byScheme) {

    /** No proxy for any scheme. */
    public static final Proxies NONE = new Proxies(Map.of());

    /** Copies the map. */
    public Proxies {
        byScheme = Map.copyOf(byScheme);
    }

    /** The selector that gives each request the proxy of its scheme. */
    ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                InetSocketAddress address = byScheme.get(uri.getScheme().toLowerCase(java.util.Locale.ROOT));
                return List.of(address == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, address));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // the request fails with the connection error; there is no other proxy to try
            }
        };
    }
}
