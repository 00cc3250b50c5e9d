package dev.kompira.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's HTTP clients: one per verify/proxies combination, shared, and unusable once closed (J157). */
class HttpClientsTest {

    @Test
    void requestsWithTheSameVerifyAndProxiesShareAClient() {
        try (HttpClients clients = new HttpClients()) {
            Proxies proxy = new Proxies(Map.of("http", InetSocketAddress.createUnresolved("proxy", 3128)));

            assertSame(clients.client(false, Proxies.NONE), clients.client(false, Proxies.NONE));
            assertSame(clients.client(false, proxy),
                    clients.client(false, new Proxies(Map.of("http", InetSocketAddress.createUnresolved("proxy", 3128)))));
            assertNotSame(clients.client(false, Proxies.NONE), clients.client(true, Proxies.NONE));
            assertNotSame(clients.client(false, Proxies.NONE), clients.client(false, proxy));
        }
    }

    @Test
    void aClosedEngineMakesNoRequest() {
        HttpClients clients = new HttpClients();
        clients.client(false, Proxies.NONE);

        clients.close();

        UrlopenException refused = assertThrows(UrlopenException.class, () -> clients.client(false, Proxies.NONE));
        assertEquals("the engine is closed", refused.getMessage());
    }
}
