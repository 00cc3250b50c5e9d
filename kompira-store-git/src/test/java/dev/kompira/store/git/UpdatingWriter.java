package dev.kompira.store.git;

import dev.kompira.core.object.TreeInitializer;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoredObject;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/**
 * The child JVM of {@link GitStoreCrashTest}: opens the store in {@code args[0]} and makes
 * {@code args[1]} writes, each creating object {@code /item<k>} with field-like value k, printing
 * {@code ack k} once the write has returned (is committed).
 */
public final class UpdatingWriter {

    private UpdatingWriter() {
    }

    public static void main(String[] args) {
        int writes = Integer.parseInt(args[1]);
        try (GitStore store = GitStore.open(Path.of(args[0]), GitStoreOptions.defaults())) {
            if (store.isEmpty()) {
                TreeInitializer.initialise(store, ZoneOffset.UTC);
            }
            for (int k = 0; k < writes; k++) {
                int n = k;
                store.write("add item " + n, tx -> {
                    StoredObject root = tx.root();
                    StoredObject item = tx.create(root.id(), "item" + n, root.typeId(), null, "root", Map.of());
                    return tx.update(item.id(), new ObjectUpdate(Map.of(), Set.of(), null, Integer.toString(n), null,
                            null, null, true));
                });
                System.out.println("ack " + n);
                System.out.flush();
            }
        }
    }
}
