package dev.kompira.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --server URL [--token-file FILE]}: a running {@code kompira serve} and the token to call it
 * with (default: the environment variable {@code KOMPIRA_TOKEN}). Its HTTP client keeps its
 * connections for the next request. Not thread-safe.
 */
final class ServerOption {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--server", paramLabel = "URL",
            description = "The server, such as http://127.0.0.1:8730 (what kompira serve names when it starts).")
    String url;

    @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the token "
            + "(default: the environment variable KOMPIRA_TOKEN).")
    Path tokenFile;

    /** Where the token comes from when --token-file is not given; tests replace it. */
    Map<String, String> environment = System.getenv();

    /** Made at the first request. */
    private HttpClient http;

    /** Returns whether --server was given. */
    boolean given() {
        return url != null;
    }

    /** Returns the URI of API path {@code path} ({@code /channels/...}) on the server. */
    URI api(String path) {
        if (url == null) {
            throw new UserError("this command needs --server URL: the kompira serve to call, such as http://127.0.0.1:8730");
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!base.endsWith("/api/v1")) {
            base += "/api/v1";
        }
        try {
            URI uri = URI.create(base + path);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http or https URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UserError("--server " + url + ": " + e.getMessage() + "; give one such as http://127.0.0.1:8730");
        }
    }

    /** Returns object path {@code path} as URL path segments: {@code /system/channels/Alert} stays as it is. */
    static String objectPath(String path) {
        StringBuilder b = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                b.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return b.toString();
    }

    /** Returns the token: the first line of --token-file, else KOMPIRA_TOKEN. */
    String token() {
        if (tokenFile != null) {
            try {
                String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                if (text.isEmpty()) {
                    throw new UserError("the token file " + tokenFile + " is empty");
                }
                return text.lines().findFirst().orElseThrow().strip();
            } catch (IOException e) {
                throw new UserError("cannot read the token file " + tokenFile + ": " + e.getMessage(), e);
            }
        }
        String token = environment.get("KOMPIRA_TOKEN");
        if (token == null || token.isBlank()) {
            throw new UserError("no token: set KOMPIRA_TOKEN or give --token-file FILE (kompira token create makes one)");
        }
        return token.strip();
    }

    /**
     * Sends {@code request} with the token and returns the answer when its status is 2xx.
     *
     * @throws UserError when the server cannot be reached or refuses, with the server's message
     */
    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request.timeout(Duration.ofSeconds(30)), HttpResponse.BodyHandlers.ofString(), body -> body);
    }

    /** Sends {@code request} and returns its answer as JSON when its status is 2xx; as {@link #send(HttpRequest.Builder)}. */
    JsonNode sendJson(HttpRequest.Builder request) {
        String body = send(request).body();
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UserError(url + " answered with something other than JSON; is it a kompira serve?", e);
        }
    }

    /**
     * Sends {@code request} with the token, with no time limit on its answer (a stream), and returns
     * the answer when its status is 2xx; {@code text} reads an error's body.
     */
    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler,
            java.util.function.Function<T, String> text) {
        HttpRequest r = request.header("Authorization", "Bearer " + token()).build();
        HttpResponse<T> answer;
        try {
            answer = client().send(r, handler);
        } catch (java.net.ConnectException e) {
            throw new UserError("cannot reach " + url + ": connection refused; is kompira serve running there?", e);
        } catch (IOException e) {
            throw new UserError("cannot reach " + url + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while calling " + url, e);
        }
        int status = answer.statusCode();
        if (status == 401) {
            throw new UserError("the server refused the token (401): " + errorMessage(text.apply(answer.body()))
                    + "; check KOMPIRA_TOKEN or --token-file");
        }
        if (status / 100 != 2) {
            throw new UserError("the server refused (" + status + "): " + errorMessage(text.apply(answer.body())));
        }
        return answer;
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    private static String errorMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException notJson) {
            // a proxy's page rather than the API's error: show it as it is
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
