package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the OpenAPI document and the server in step: the routes it documents are the routes the
 * server has, each with the role it documents, and a call of each documented route answers with a
 * status the document lists for it, in the documented content type.
 */
class OpenApiSyncTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentListsExactlyTheServersRoutesAndEachAnswersAsDocumented() throws Exception {
        try (ServerFixture f = new ServerFixture(dir)) {
            f.engine.objects().create("/box", "Channel", Map.of());
            f.engine.objects().createJobflow("/flow", "print('hi')");
            JsonNode doc = ApiClient.json(f.client.get("/api/v1/openapi.json", f.viewer()));

            TreeSet<String> documented = new TreeSet<>();
            TreeSet<String> served = new TreeSet<>();
            for (Route r : f.server.routes()) {
                served.add(r.method() + " " + r.path() + " " + r.role().label());
            }
            List<String> problems = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
                while (ops.hasNext()) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
                    documented.add(method + " " + path.getKey() + " " + op.getValue().get("x-kompira-role").asText());
                    HttpResponse<String> answer = call(f, method, path.getKey());
                    JsonNode documentedAnswer = op.getValue().get("responses").get(String.valueOf(answer.statusCode()));
                    if (documentedAnswer == null) {
                        problems.add(method + " " + path.getKey() + " answered " + answer.statusCode()
                                + ", which it does not document: " + answer.body());
                    } else if (documentedAnswer.has("content")) {
                        String type = answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
                        if (!documentedAnswer.get("content").has(type)) {
                            problems.add(method + " " + path.getKey() + " answered in " + type + ", not as documented");
                        }
                    }
                }
            }
            assertEquals(served, documented, "the routes and their roles, as the server has them and as documented");
            assertEquals(List.of(), problems);
            assertTrue(documented.size() >= 13);
        }
    }

    /** Calls a documented route with an admin token and a plausible request. */
    private static HttpResponse<String> call(ServerFixture f, String method, String template) throws Exception {
        String path = template.replace("{pid}", "1").replace("{name}", "1").replace("{path}", template.contains("channels") ? "box" : "flow");
        HttpRequest.Builder b = f.client.request(path, f.admin());
        if (method.equals("GET")) {
            return f.client.send(b.GET().build());
        }
        if (method.equals("DELETE")) {
            return f.client.send(b.DELETE().build());
        }
        String body = template.equals("/api/v1/processes") ? "{\"path\": \"/flow\"}" : "{}";
        return f.client.send(b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
