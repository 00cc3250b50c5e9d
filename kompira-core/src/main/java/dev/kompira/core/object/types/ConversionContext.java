package dev.kompira.core.object.types;

import dev.kompira.core.store.ObjectRef;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What a field conversion (objects.md §3.7) needs to know about the world: the engine's time zone
 * and the object tree. The object layer implements it over a store transaction and the writing
 * jobflow's directory; {@link #detached} serves conversions that involve no objects.
 *
 * <p>Implementations are used by one thread at a time (they wrap a transaction); the conversion
 * code keeps no reference to them.
 */
public interface ConversionContext {

    /** Returns the zone of zone-less date/time text and of Date → Datetime conversions (§3.4). */
    ZoneId zone();

    /**
     * Resolves an object path written to an Object field: absolute, or relative to the writing
     * jobflow's directory (§1.3). Returns the target's id, or empty when no object is there.
     */
    Optional<Long> resolveObject(String path);

    /** Returns the absolute path of object {@code id}, or empty when no such object exists. */
    Optional<String> objectPath(long id);

    /**
     * Returns the id of {@code value} when it is an Object value, else empty. The default knows the
     * stored form {@link ObjectRef}; the object layer adds its own Object values.
     */
    default Optional<Long> objectId(Value value) {
        return value instanceof ObjectRef ref ? Optional.of(ref.id()) : Optional.empty();
    }

    /**
     * Checks the {@code object}, {@code directory} and {@code filter} qualifiers of {@code type} for
     * target {@code targetId} (§3.6), which need the tree and, for dependent forms, the object being
     * written. Returns why the target is not acceptable (e.g. {@code /a/b is not a NodeInfo}), or
     * empty when it is or the qualifiers cannot be resolved. The default accepts everything, which
     * is also what an import does (§7.5).
     */
    default Optional<String> objectRestriction(FieldType type, long targetId) {
        return Optional.empty();
    }

    /**
     * Resolves an {@code enum} qualifier that is not a static list (references, dependent fields,
     * switch/case, §3.6) to the data values of its choices, or returns empty when it cannot be
     * resolved at write time, in which case any value is accepted (Decision 21). The default
     * resolves nothing.
     */
    default Optional<List<String>> resolveEnum(FieldType type) {
        return Optional.empty();
    }

    /** Returns a context with zone {@code zone} and no object tree: every path and id is missing. */
    static ConversionContext detached(ZoneId zone) {
        return new ConversionContext() {
            @Override
            public ZoneId zone() {
                return zone;
            }

            @Override
            public Optional<Long> resolveObject(String path) {
                return Optional.empty();
            }

            @Override
            public Optional<String> objectPath(long id) {
                return Optional.empty();
            }
        };
    }
}
