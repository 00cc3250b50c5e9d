package dev.kompira.core.store;

import dev.kompira.core.value.Value;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of one atomic write (or a consistent read) of an {@link ObjectStore}. Reads see
 * the transaction's own earlier writes. Any exception that leaves the work ({@link StoreException}
 * or another) aborts the transaction: nothing of it is applied. An operation that throws a
 * {@link StoreException} changes nothing, so work that catches one may go on. The store enforces
 * the structural rules of the tree (objects.md §1.2: names, uniqueness, path length; no moving a
 * container into itself; the root stays) and reports them with the messages of {@link TreeRules};
 * the object layer converts and validates field values before it writes them.
 *
 * <p>A transaction belongs to the thread that runs it and must not escape it.
 */
public interface Transaction {

    /** Returns the root directory. */
    StoredObject root();

    /** Returns the object with id {@code id}. */
    Optional<StoredObject> get(long id);

    /** Returns the object at absolute path {@code path} ({@code /}, {@code /a/b}); no {@code .} or {@code ..}. */
    Optional<StoredObject> get(String path);

    /** Returns the direct children of {@code id}, ordered by id (creation order). */
    List<StoredObject> children(long id);

    /** Returns every descendant of {@code id} (not itself), parents before their children, siblings by id. */
    List<StoredObject> descendants(long id);

    /**
     * Creates an object.
     *
     * @param parentId    the container; {@code 0}, with the empty name, creates the root of an empty
     *                    store (the root is its own parent), and is an error otherwise
     * @param name        the name (objects.md §1.2)
     * @param typeId      the TypeObject's id, or {@link #SELF_TYPED} for an object that is its own type
     *                    (only {@code /system/types/TypeObject})
     * @param displayName the display name, or null for the name (§1.2)
     * @param owner       the owner
     * @param fields      stored field values
     * @return the new object
     * @throws StoreException when the parent is missing, the name is invalid or taken, or the path too long
     */
    StoredObject create(long parentId, String name, long typeId, String displayName, String owner,
            Map<String, Value> fields);

    /**
     * Creates an object as {@link #create} does, with id {@code wantedId} when the store has never
     * given that id to any object (imports keep exported ids, objects.md §7.7), otherwise with a
     * new id as usual. Ids stay unique and are never reused.
     */
    StoredObject create(long parentId, String name, long typeId, String displayName, String owner,
            Map<String, Value> fields, long wantedId);

    /**
     * Sets the {@code created} and {@code updated} timestamps of object {@code id} exactly, changing
     * nothing else (imports keep exported timestamps, objects.md §7.7); returns the result.
     */
    StoredObject stamp(long id, Instant created, Instant updated);

    /** Applies {@code update} to object {@code id}; returns the result. */
    StoredObject update(long id, ObjectUpdate update);

    /**
     * Gives object {@code id} another type. Only a store's initialisation needs it: the root exists
     * before the Directory type that it is an instance of.
     */
    StoredObject retype(long id, long typeId);

    /** Moves {@code id} under {@code newParentId} with name {@code newName} (a rename when the parent is the same). */
    StoredObject move(long id, long newParentId, String newName);

    /** Copies {@code id} (recursively) under {@code newParentId} as {@code newName}; copies get new ids. */
    StoredObject copy(long id, long newParentId, String newName, String owner);

    /** Deletes {@code id} and all its descendants; returns how many objects were deleted. */
    int delete(long id);

    /** The type id that makes a new object its own type. */
    long SELF_TYPED = -1;
}
