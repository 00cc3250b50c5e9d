package dev.kompira.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.value.IntegerValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A MemoryStore's commit listener sees each write's changes before they are visible, and may refuse them. */
class CommitListenerTest {

    private final List<String> seen = new ArrayList<>();
    private boolean refuse;
    private final MemoryStore store = new MemoryStore(Clock.systemUTC(), (message, changes) -> {
        List<String> described = new ArrayList<>();
        for (StoreChange c : changes) {
            described.add((c.before() == null ? "-" : c.before().path()) + ">" + (c.after() == null ? "-" : c.after().path()));
        }
        seen.add(message + " " + described);
        if (refuse) {
            throw new IllegalStateException("refused");
        }
    });

    @Test
    void theListenerSeesCreationsChangesAndDeletionsInIdOrder() {
        StoredObject root = store.write("root", tx -> tx.create(0, "", 5, null, "root", Map.of()));
        StoredObject a = store.write("a", tx -> tx.create(root.id(), "a", 5, null, "root", Map.of()));
        store.write("b and rename", tx -> {
            tx.create(root.id(), "b", 5, null, "root", Map.of());
            return tx.move(a.id(), root.id(), "c");
        });
        store.write("gone", tx -> tx.delete(a.id()));
        assertEquals(List.of("root [->/]", "a [->/a]", "b and rename [/a>/c, ->/b]", "gone [/c>-]"), seen);
    }

    @Test
    void aRefusedWriteStaysInvisible() {
        StoredObject root = store.write("root", tx -> tx.create(0, "", 5, null, "root", Map.of()));
        refuse = true;
        assertThrows(IllegalStateException.class, () -> store.write("f", tx -> tx.update(root.id(),
                ObjectUpdate.fields(Map.of("f", IntegerValue.ONE)))));
        assertNull(store.read(tx -> tx.root()).fields().get("f"));
    }
}
