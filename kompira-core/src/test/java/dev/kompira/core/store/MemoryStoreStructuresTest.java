package dev.kompira.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The persistent structures behind {@link MemoryStore}: after random batches of changes each
 * version of a {@link PersistentMap} or an {@link IdMap} equals a plain map that got the same
 * changes, and every older version is unchanged.
 */
class MemoryStoreStructuresTest {

    /** A tenth of the project's example count: each example runs up to 320 changes. */
    private static final int EXAMPLES = Integer.getInteger("kompira.properties.examples", 3000) / 10;

    /** Hash codes that share low bits, differ only in the top bits, or are equal: deep splits and full collisions. */
    private static final List<Integer> HASHES = List.of(0, 1, 32, 1 << 10, 1 << 25, 1 << 30, 1 << 31, -1, 0x7fffffff, 33);

    /** A key whose hash code the test chooses. */
    private record Key(int hash, int n) {

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A change: put (value ≥ 0) or remove (value < 0) key {@code key}. */
    private record Change(int key, int value) {
    }

    private static Gen<List<List<Change>>> batches(int keys) {
        Gen<Change> changes = integers().between(0, keys - 1).zip(integers().between(-3, 9), Change::new);
        return lists().of(lists().of(changes).ofSizeBetween(0, 40)).ofSizeBetween(1, 8);
    }

    @Test
    void persistentMapVersionsEqualAPlainMapThatGotTheSameChanges() {
        qt().withExamples(EXAMPLES).forAll(batches(60)).checkAssert(batches -> {
            List<PersistentMap<Key, Integer>> versions = new ArrayList<>(List.of(PersistentMap.empty()));
            List<Map<Key, Integer>> models = new ArrayList<>(List.of(Map.of()));
            for (List<Change> batch : batches) {
                PersistentMap.Batch<Key, Integer> changes = versions.get(versions.size() - 1).batch();
                Map<Key, Integer> model = new HashMap<>(models.get(models.size() - 1));
                for (Change c : batch) {
                    Key key = key(c.key());
                    if (c.value() < 0) {
                        changes.remove(key);
                        model.remove(key);
                    } else {
                        changes.put(key, c.value());
                        model.put(key, c.value());
                    }
                }
                versions.add(changes.build());
                models.add(model);
            }
            for (int v = 0; v < versions.size(); v++) {
                for (int k = 0; k < 60; k++) {
                    assertEquals(models.get(v).get(key(k)), versions.get(v).get(key(k)), "version " + v + ", key " + k);
                }
            }
        });
    }

    private static Key key(int n) {
        return new Key(HASHES.get(n % HASHES.size()), n);
    }

    @Test
    void aBuiltBatchCannotBeChangedAnyMore() {
        PersistentMap.Batch<String, Integer> batch = PersistentMap.<String, Integer>empty().batch();
        batch.put("a", 1);
        PersistentMap<String, Integer> built = batch.build();
        assertThrows(IllegalStateException.class, () -> batch.put("b", 2));
        assertEquals(1, built.get("a"));
        assertNull(built.get("b"));
    }

    @Test
    void idMapVersionsEqualASortedMapThatGotTheSameChanges() {
        Gen<Long> ids = Generate.pick(List.of(0L, 1L, 31L, 32L, 33L, 1023L, 1024L, 40_000L, 1L << 40, Long.MAX_VALUE))
                .mix(Generate.longRange(0, 5000), 80);
        Gen<List<TreeMap<Long, Integer>>> batches = lists().of(lists().of(ids.zip(integers().between(-3, 9), (id, v) -> {
            TreeMap<Long, Integer> one = new TreeMap<>();
            one.put(id, v);
            return one;
        })).ofSizeBetween(0, 30).map(MemoryStoreStructuresTest::merged)).ofSizeBetween(1, 8);
        qt().withExamples(EXAMPLES).forAll(batches).checkAssert(changes -> {
            List<IdMap<Integer>> versions = new ArrayList<>(List.of(IdMap.empty()));
            List<TreeMap<Long, Integer>> models = new ArrayList<>(List.of(new TreeMap<>()));
            for (TreeMap<Long, Integer> batch : changes) {
                long[] keys = batch.keySet().stream().mapToLong(Long::longValue).toArray();
                Object[] values = batch.values().stream().map(v -> v < 0 ? null : v).toArray();
                versions.add(versions.get(versions.size() - 1).withAll(keys, values));
                TreeMap<Long, Integer> model = new TreeMap<>(models.get(models.size() - 1));
                batch.forEach((id, v) -> {
                    if (v < 0) {
                        model.remove(id);
                    } else {
                        model.put(id, v);
                    }
                });
                models.add(model);
            }
            for (int v = 0; v < versions.size(); v++) {
                for (TreeMap<Long, Integer> batch : changes) {
                    for (long id : batch.keySet()) {
                        assertEquals(models.get(v).get(id), versions.get(v).get(id), "version " + v + ", id " + id);
                        assertNull(versions.get(v).get(-id - 1), "negative ids are absent");
                    }
                }
            }
        });
    }

    /** Merges one-entry maps, the later winning: a batch changes each id once. */
    private static TreeMap<Long, Integer> merged(List<TreeMap<Long, Integer>> ones) {
        TreeMap<Long, Integer> all = new TreeMap<>();
        ones.forEach(all::putAll);
        return all;
    }
}
