package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route against no token, a bad token, and every role. */
class AuthorizationTest {

    @TempDir
    Path dir;

    ServerFixture f;

    @BeforeEach
    void start() {
        f = new ServerFixture(dir);
        f.engine.objects().create("/box", "Channel", Map.of());
        f.engine.objects().createJobflow("/flow", "</box>");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private HttpResponse<String> call(Route r, String header) throws Exception {
        String path = r.path().replace("{pid}", "1").replace("{name}", "1").replace("{path}", r.path().contains("channels") ? "box" : "flow");
        HttpRequest.Builder b = f.client.request(path, null);
        if (header != null) {
            b.header("Authorization", header);
        }
        if (r.method().equals("GET")) {
            return f.client.send(b.GET().build());
        }
        if (r.method().equals("DELETE")) {
            return f.client.send(b.DELETE().build());
        }
        String body = r.path().equals("/api/v1/processes") ? "{\"path\": \"/flow\"}" : "\"x\"";
        return f.client.send(b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void everyRouteNeedsAValidTokenOfItsRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Route r : f.server.routes()) {
            for (String header : new String[] {null, "Bearer", "Bearer kmp_forged", "Basic dXNlcjpwYXNz", f.admin()}) {
                HttpResponse<String> answer = call(r, header);
                if (answer.statusCode() != 401 || !answer.headers().firstValue("WWW-Authenticate").orElse("").equals("Bearer")) {
                    wrong.add(r.method() + " " + r.path() + " with " + header + ": " + answer.statusCode());
                }
            }
            for (Role role : Role.values()) {
                int status = call(r, "Bearer " + f.token.get(role)).statusCode();
                boolean allowed = role.allows(r.role());
                if (allowed == (status == 403) || status == 401) {
                    wrong.add(r.method() + " " + r.path() + " as " + role.label() + ": " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aRefusedRequestDoesNothing() throws Exception {
        HttpResponse<String> refused = f.client.postJson("/api/v1/processes", f.viewer(), "{\"path\": \"/flow\"}");
        ServerApiTest.assertError(refused, 403, "forbidden");
        HttpResponse<String> unknown = f.client.post("/api/v1/channels/box/messages", "kmp_nothing", "text/plain", "x");
        ServerApiTest.assertError(unknown, 401, "unauthorized");
        assertEquals(List.of(), f.engine.processes(dev.kompira.core.process.ProcessQuery.all()));
        assertEquals(0, f.engine.tree().channel(f.engine.tree().get("/box").orElseThrow().id()).pending().size());
    }

    @Test
    void aRevokedTokenIsRefusedAtItsNextRequest() throws Exception {
        assertEquals(200, f.client.get("/api/v1/health", f.viewer()).statusCode());
        TokenStore.open(f.tokens.file()).revoke("viewer");
        ServerApiTest.assertError(f.client.get("/api/v1/health", f.viewer()), 401, "unauthorized");
        assertNotEquals(401, f.client.get("/api/v1/health", f.operator()).statusCode());
    }

    @Test
    void adminsSeeTheTokensButNeverTheirSecrets() throws Exception {
        HttpResponse<String> r = f.client.get("/api/v1/tokens", f.admin());
        assertEquals(200, r.statusCode());
        assertEquals(3, ApiClient.json(r).get("tokens").size());
        assertEquals("viewer", ApiClient.json(r).get("tokens").get(0).get("role").asText());
        for (String secret : f.token.values()) {
            assertFalse(r.body().contains(secret.substring(4)));
        }
    }
}
