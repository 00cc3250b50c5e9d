package dev.kompira.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.library.LibraryCall;
import dev.kompira.core.library.LibraryFunction;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One version of a Python library: the source of a Library object at a path, known to the workers by
 * a key derived from both, so that a changed source or a moved object is loaded afresh. It loads the
 * source and calls its functions through the pool, sending the source along to a worker that has not
 * loaded it yet. Immutable and thread-safe.
 */
final class PythonLibrary {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final WorkerPool pool;
    private final String key;
    private final String path;
    private final String source;

    PythonLibrary(WorkerPool pool, String path, String source) {
        this.pool = pool;
        this.path = path;
        this.source = source;
        this.key = key(path, source);
    }

    private static String key(String path, String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(path.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    /** Loads the source in a worker: the reply names the functions and documents them, or gives the error. */
    CompletableFuture<JsonNode> load() {
        return pool.submit(worker -> {
            JsonNode reply = worker.exchange(request("load").put("source", source));
            if (reply.path("ok").asBoolean()) {
                worker.loaded(key);
            }
            return reply;
        });
    }

    /** Returns function {@code name} of this library. */
    LibraryFunction function(String name) {
        return new LibraryFunction() {
            @Override
            public Value call(Arguments arguments) throws Exception {
                try {
                    return start(new LibraryCall(path, name, 0, arguments, text -> { })).get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }

            @Override
            public CompletableFuture<Value> start(LibraryCall call) {
                return PythonLibrary.this.call(call);
            }
        };
    }

    private CompletableFuture<Value> call(LibraryCall call) {
        ObjectNode request;
        try {
            request = request("call").put("fn", call.function());
            ArrayNode args = request.putArray("args");
            call.arguments().positional().forEach(a -> args.add(PythonValues.toJson(a)));
            ObjectNode kwargs = request.putObject("kwargs");
            call.arguments().keywords().forEach((k, v) -> kwargs.set(k, PythonValues.toJson(v)));
        } catch (IllegalArgumentException unsupported) {
            return CompletableFuture.failedFuture(new PythonFailure(call.function() + ": " + unsupported.getMessage()));
        }
        CompletableFuture<JsonNode> reply = pool.submit(worker -> exchange(worker, request));
        CompletableFuture<Value> result = new CompletableFuture<>();
        result.whenComplete((v, e) -> {
            if (result.isCancelled()) {
                reply.cancel(true);
            }
        });
        reply.whenComplete((answer, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            String printed = answer.path("out").asText("");
            if (!printed.isEmpty()) {
                call.console().accept(printed);
            }
            if (answer.path("ok").asBoolean()) {
                result.complete(PythonValues.fromJson(answer.path("value")));
            } else {
                result.completeExceptionally(new PythonFailure(answer.path("error").asText()));
            }
        });
        return result;
    }

    /** Sends a call, with the source when the worker has not loaded this version yet. */
    private JsonNode exchange(PythonWorker worker, ObjectNode request) throws IOException {
        boolean sendsSource = !worker.knows(key);
        JsonNode reply = worker.exchange(sendsSource ? request.deepCopy().put("source", source) : request);
        if (sendsSource && reply.path("ok").asBoolean()) {
            worker.loaded(key);
        }
        return reply;
    }

    private ObjectNode request(String op) {
        return NODES.objectNode().put("op", op).put("key", key).put("path", path);
    }

    /** Returns the functions named in a successful load reply. */
    Map<String, LibraryFunction> functions(JsonNode loaded) {
        Map<String, LibraryFunction> functions = new java.util.LinkedHashMap<>();
        loaded.path("functions").forEach(name -> functions.put(name.asText(), function(name.asText())));
        return functions;
    }
}
