package dev.kompira.core.object;

import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The object tree for Java code, by path: create, read, change, move and delete objects, each write
 * checked as every write of the tree is, and several writes in one transaction with
 * {@link #batch}. {@code Kompira.objects()} returns the engine's:
 *
 * <pre>{@code
 * ObjectManager objects = kompira.objects();
 * objects.batch("add the demo", b -> {
 *     b.createDirectories("/demo/flows");
 *     b.createAccount("/demo/deploy", "ops", "s3cret");
 *     b.createNode("/demo/web01", "web01.example", Map.of("port", 22, "account", "/demo/deploy"));
 *     b.createJobflow("/demo/flows/hello", "print('hello')");
 * });
 * objects.setField("/demo/web01", "port", 2222);
 * long port = objects.get("/demo/web01").javaField("port", Long.class);
 * }</pre>
 *
 * <p>Each write method of {@link ObjectOperations} called here is one transaction (one commit in
 * the Git store) whose message says what it did. A refused write throws
 * {@link WriteRefusedException} and writes nothing.
 *
 * <p>Thread-safe: it keeps no state of its own; the store serialises the writes.
 */
public final class ObjectManager implements ObjectOperations {

    private final ObjectTree tree;

    /** Manages the objects of {@code tree}. */
    public ObjectManager(ObjectTree tree) {
        this.tree = Objects.requireNonNull(tree, "tree");
    }

    /**
     * Runs {@code work} as one transaction: the operations of the {@link ObjectBatch} it is given are
     * applied together when it returns (one commit in the Git store, with {@code message} as its
     * message), or not at all when it throws — the exception is rethrown as it is, a refused write
     * as a {@link WriteRefusedException}.
     *
     * @param message what the batch changes and why
     */
    public void batch(String message, Consumer<ObjectBatch> work) {
        Objects.requireNonNull(work, "work");
        inBatch(message, b -> {
            work.accept(b);
            return null;
        });
    }

    private <T> T inBatch(String message, Function<ObjectBatch, T> work) {
        List<Runnable> afterCommit = new ArrayList<>();
        T result = tree.store().write(WriteOrigin.describe(Objects.requireNonNull(message, "message")), tx -> {
            ObjectBatch batch = new ObjectBatch(tree, tx, afterCommit);
            try {
                return work.apply(batch);
            } finally {
                batch.close();
            }
        });
        afterCommit.forEach(Runnable::run);
        return result;
    }

    private <T> T read(Function<ObjectBatch, T> reader) {
        return tree.store().read((Transaction tx) -> {
            ObjectBatch batch = new ObjectBatch(tree, tx, List.of());
            try {
                return reader.apply(batch);
            } finally {
                batch.close();
            }
        });
    }

    // ---- reads

    @Override
    public boolean exists(String path) {
        return read(b -> b.exists(path));
    }

    @Override
    public Optional<ObjectView> find(String path) {
        return read(b -> b.find(path));
    }

    @Override
    public ObjectView get(String path) {
        return read(b -> b.get(path));
    }

    @Override
    public Value field(String path, String name) {
        return read(b -> b.field(path, name));
    }

    @Override
    public List<ObjectView> list(String path) {
        return read(b -> b.list(path));
    }

    // ---- writes, one transaction each

    @Override
    public ObjectView create(String path, String type, Map<String, ?> fields) {
        return inBatch("create " + path + " (" + type + ")", b -> b.create(path, type, fields));
    }

    @Override
    public ObjectView createDirectory(String path) {
        return inBatch("create directory " + path, b -> b.createDirectory(path));
    }

    @Override
    public ObjectView createDirectories(String path) {
        return inBatch("create directories " + path, b -> b.createDirectories(path));
    }

    @Override
    public ObjectView createJobflow(String path, String source) {
        return inBatch("create jobflow " + path, b -> b.createJobflow(path, source));
    }

    @Override
    public ObjectView createJobflowDraft(String path, String source) {
        return inBatch("create draft jobflow " + path, b -> b.createJobflowDraft(path, source));
    }

    @Override
    public ObjectView setDraftSource(String path, String source) {
        return inBatch("set the draft source of " + path, b -> b.setDraftSource(path, source));
    }

    @Override
    public ObjectView createNode(String path, String hostname) {
        return createNode(path, hostname, Map.of());
    }

    @Override
    public ObjectView createNode(String path, String hostname, Map<String, ?> fields) {
        return inBatch("create node " + path, b -> b.createNode(path, hostname, fields));
    }

    @Override
    public ObjectView createAccount(String path, String user, String password) {
        return createAccount(path, user, password, Map.of());
    }

    @Override
    public ObjectView createAccount(String path, String user, String password, Map<String, ?> fields) {
        return inBatch("create account " + path, b -> b.createAccount(path, user, password, fields));
    }

    @Override
    public ObjectView setField(String path, String name, Object value) {
        return inBatch("set " + name + " of " + path, b -> b.setField(path, name, value));
    }

    @Override
    public ObjectView setFields(String path, Map<String, ?> fields) {
        return inBatch("set " + String.join(", ", fields.keySet()) + " of " + path, b -> b.setFields(path, fields));
    }

    @Override
    public ObjectView unsetField(String path, String name) {
        return inBatch("unset " + name + " of " + path, b -> b.unsetField(path, name));
    }

    @Override
    public ObjectView setDisplayName(String path, String displayName) {
        return inBatch("set the display name of " + path, b -> b.setDisplayName(path, displayName));
    }

    @Override
    public ObjectView setDescription(String path, String description) {
        return inBatch("set the description of " + path, b -> b.setDescription(path, description));
    }

    @Override
    public ObjectView move(String path, String newPath) {
        return inBatch("move " + path + " to " + newPath, b -> b.move(path, newPath));
    }

    @Override
    public ObjectView rename(String path, String newName) {
        return inBatch("rename " + path + " to " + newName, b -> b.rename(path, newName));
    }

    @Override
    public ObjectView copy(String path, String newPath) {
        return inBatch("copy " + path + " to " + newPath, b -> b.copy(path, newPath));
    }

    @Override
    public void delete(String path) {
        inBatch("delete " + path, b -> {
            b.delete(path);
            return null;
        });
    }

    @Override
    public int deleteRecursively(String path) {
        return inBatch("delete " + path + " and everything in it", b -> b.deleteRecursively(path));
    }
}
