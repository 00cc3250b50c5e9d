package dev.kompira.core.object;

import dev.kompira.core.value.Value;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reading and writing the object tree by path (objects.md §1–§4), for Java code: what
 * {@link ObjectManager} does one transaction per write, and {@link ObjectBatch} does inside one
 * transaction for several writes.
 *
 * <p><b>Paths</b> are absolute ({@code /demo/flows/hello}); one without a leading {@code /} is taken
 * from the root. {@code .} and {@code ..} elements are resolved.
 *
 * <p><b>Types</b> are given by name for the built-in ones ({@code "Jobflow"}, {@code "NodeInfo"}: the
 * type objects in {@code /system/types}) or by the absolute path of any type object.
 *
 * <p><b>Values</b> may be plain Java ({@code String}, {@code Integer}/{@code Long}, {@code Boolean},
 * {@code Map}, {@code List}, {@code byte[]}, {@code java.time} values; see {@link dev.kompira.core.value.Values})
 * or jobflow {@link Value}s. Each is converted and validated by the field's declaration as a jobflow
 * write is (§3.7): {@code "22"} becomes the Integer 22 in an Integer field, an Object field takes the
 * path of an object (relative paths start from the written object's directory), a File field takes
 * {@code Map.of("name", "id_rsa", "data", bytes)}.
 *
 * <p><b>Every write is checked before anything changes</b> and a refused write throws a
 * {@link WriteRefusedException} listing every problem found, each naming the object path and the
 * field: a field its type does not declare, a value the declaration refuses (wrong type,
 * {@code enum}, {@code min_value}/{@code max_value}, {@code pattern}, {@code object} qualifiers ...), a
 * field the library derives itself, a name that is not an identifier, a parent that does not exist
 * or holds no objects, an object already at the path, a Jobflow source that does not compile (with
 * the rendered diagnostics). The {@code createJobflowDraft} and {@code setDraftSource} methods are
 * the one way to store a source that does not compile.
 *
 * <p>Reads of a path where there is no object throw {@link NoSuchElementException}.
 */
public interface ObjectOperations {

    // ---- reads

    /** Returns whether an object exists at {@code path}. */
    boolean exists(String path);

    /** Returns the object at {@code path}, or empty when there is none. */
    Optional<ObjectView> find(String path);

    /**
     * Returns the object at {@code path}.
     *
     * @throws NoSuchElementException when there is none
     */
    ObjectView get(String path);

    /**
     * Returns field {@code name} of the object at {@code path} as a jobflow reads it: the stored
     * value, or the default while it is unset.
     *
     * @throws NoSuchElementException when there is no such object or its type declares no such field
     */
    Value field(String path, String name);

    /**
     * Returns the objects directly inside the container at {@code path}, in creation order.
     *
     * @throws NoSuchElementException when there is no object at {@code path}
     */
    List<ObjectView> list(String path);

    // ---- creating

    /**
     * Creates an object of type {@code type} at {@code path} with {@code fields}; fields not given
     * read their defaults. Its parent must exist and be a Directory or a Table.
     *
     * @param type a built-in type's name ({@code "NodeInfo"}) or a type object's absolute path
     * @return the new object
     * @throws WriteRefusedException when the object cannot be created so; nothing is written
     */
    ObjectView create(String path, String type, Map<String, ?> fields);

    /**
     * Creates a Directory at {@code path}; its parent must exist.
     *
     * @throws WriteRefusedException when it cannot be created
     */
    ObjectView createDirectory(String path);

    /**
     * Creates the Directory at {@code path} and every missing one above it, as {@code mkdir -p} does;
     * the Directories (or Tables) already there are kept.
     *
     * @return the container at {@code path}, new or already there
     * @throws WriteRefusedException when a name is not valid or an object in the way is no container
     */
    ObjectView createDirectories(String path);

    /**
     * Creates a Jobflow at {@code path} whose source is {@code source}, which must compile.
     *
     * @throws WriteRefusedException when it does not compile (the message carries the rendered
     *                               diagnostics, {@link WriteRefusedException#diagnostics()} the
     *                               diagnostics) or it cannot be created
     */
    ObjectView createJobflow(String path, String source);

    /**
     * Creates a Jobflow at {@code path} whose source is {@code source} even when it does not compile
     * yet: a draft, to finish later. Starting it fails with
     * {@link dev.kompira.core.FlowCompileException} as long as it does not compile, and calling it from
     * a jobflow fails with {@code R-EXEC}.
     *
     * @throws WriteRefusedException when it cannot be created for another reason
     */
    ObjectView createJobflowDraft(String path, String source);

    /**
     * Replaces the source of the Jobflow at {@code path} even when the new one does not compile
     * (see {@link #createJobflowDraft}); {@code setField(path, "source", text)} requires a source
     * that compiles.
     *
     * @throws WriteRefusedException when there is no Jobflow at {@code path}
     */
    ObjectView setDraftSource(String path, String source);

    /**
     * Creates a NodeInfo (objects.md §4.10), a command target, at {@code path}.
     *
     * @throws WriteRefusedException when it cannot be created
     */
    ObjectView createNode(String path, String hostname);

    /**
     * Creates a NodeInfo at {@code path} with {@code hostname} and other fields: {@code port},
     * {@code ipaddr}, {@code conntype}, {@code shell}, {@code use_shell}, {@code nodetype}, and
     * {@code account} and {@code proxy}, which take the path of an AccountInfo and of a NodeInfo.
     * {@code hostname} wins over a {@code hostname} among {@code fields}.
     *
     * @throws WriteRefusedException when it cannot be created
     */
    ObjectView createNode(String path, String hostname, Map<String, ?> fields);

    /**
     * Creates an AccountInfo (objects.md §4.11), credentials, at {@code path}.
     *
     * @param password the password, or null for none (a key file, set with
     *                 {@link #createAccount(String, String, String, Map)})
     * @throws WriteRefusedException when it cannot be created
     */
    ObjectView createAccount(String path, String user, String password);

    /**
     * Creates an AccountInfo at {@code path} with {@code user}, {@code password} (null for none) and
     * other fields: {@code keyfile} (a File: {@code Map.of("name", "id_ed25519", "data", bytes)}) and
     * {@code passphrase}. The arguments win over the same fields among {@code fields}.
     *
     * @throws WriteRefusedException when it cannot be created
     */
    ObjectView createAccount(String path, String user, String password, Map<String, ?> fields);

    // ---- changing

    /**
     * Writes field {@code name} of the object at {@code path}; {@code null} writes null.
     *
     * @return the object as the write leaves it
     * @throws WriteRefusedException when the value is refused or there is no such object or field
     */
    ObjectView setField(String path, String name, Object value);

    /**
     * Writes several fields of the object at {@code path} at once; all are checked before any is
     * written.
     *
     * @return the object as the write leaves it
     * @throws WriteRefusedException naming every refused field
     */
    ObjectView setFields(String path, Map<String, ?> fields);

    /**
     * Makes field {@code name} of the object at {@code path} unset, so that it reads its default
     * again (§2.6).
     *
     * @throws WriteRefusedException when there is no such object or field
     */
    ObjectView unsetField(String path, String name);

    /**
     * Sets the display name of the object at {@code path}.
     *
     * @throws WriteRefusedException when there is no such object
     */
    ObjectView setDisplayName(String path, String displayName);

    /**
     * Sets the description of the object at {@code path}.
     *
     * @throws WriteRefusedException when there is no such object
     */
    ObjectView setDescription(String path, String description);

    /**
     * Moves the object at {@code path}, with everything inside it, to {@code newPath}: another
     * container, another name, or both. References to it from Object fields follow it. A display
     * name that was the old name becomes the new name.
     *
     * @return the object at its new place
     * @throws WriteRefusedException when there is no object to move, the new parent does not exist
     *                               or holds no objects, the name is invalid or taken, the root or
     *                               a container into itself would move
     */
    ObjectView move(String path, String newPath);

    /**
     * Renames the object at {@code path} to {@code newName} in the same container (see {@link #move}).
     *
     * @throws WriteRefusedException when it cannot be renamed so
     */
    ObjectView rename(String path, String newName);

    /**
     * Copies the object at {@code path}, with everything inside it, to {@code newPath}; the copies
     * are new objects.
     *
     * @return the copy
     * @throws WriteRefusedException as {@link #move} does
     */
    ObjectView copy(String path, String newPath);

    /**
     * Deletes the object at {@code path}; a container must be empty.
     *
     * @throws WriteRefusedException when there is no such object, it is the root, or a container
     *                               that is not empty (see {@link #deleteRecursively})
     */
    void delete(String path);

    /**
     * Deletes the object at {@code path} and everything inside it.
     *
     * @return how many objects were deleted
     * @throws WriteRefusedException when there is no such object or it is the root
     */
    int deleteRecursively(String path);
}
