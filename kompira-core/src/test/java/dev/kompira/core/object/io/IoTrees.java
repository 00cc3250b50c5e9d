package dev.kompira.core.object.io;

import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.TreeInitializer;
import dev.kompira.core.store.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Trees and helpers shared by the tests of this package. */
final class IoTrees {

    static final ZoneId UTC = ZoneId.of("UTC");

    private IoTrees() {
    }

    /** A freshly initialised tree on the system clock. */
    static ObjectTree fresh() {
        MemoryStore store = new MemoryStore();
        TreeInitializer.initialise(store, UTC);
        return new ObjectTree(store, UTC);
    }

    /**
     * A freshly initialised tree whose store clock stands still, so that two trees built the same
     * way get the same timestamps, also for objects whose import gives none.
     */
    static ObjectTree frozen() {
        MemoryStore store = new MemoryStore(Clock.fixed(Instant.parse("2024-05-01T00:00:00Z"), ZoneOffset.UTC));
        TreeInitializer.initialise(store, UTC);
        return new ObjectTree(store, UTC);
    }

    static ImportReport importJson(ObjectTree tree, String json) {
        return KompiraExport.importJson(tree, new StringReader(json), "/", ImportOptions.defaults());
    }

    static String exportJson(ObjectTree tree, String path) {
        StringWriter out = new StringWriter();
        KompiraExport.exportJson(tree, path, out, ExportOptions.defaults());
        return out.toString();
    }

    /** Returns a test resource of this package as text, bytes unchanged. */
    static String resource(String name) {
        try (InputStream in = IoTrees.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
