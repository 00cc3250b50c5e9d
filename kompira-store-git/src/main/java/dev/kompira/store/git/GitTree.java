package dev.kompira.store.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The tree of one commit, kept in memory so that a write commits in time proportional to what it
 * changed: folders are read from the repository only when a change reaches into them, and only the
 * folders on the paths of changed files are written again. Values are immutable (a change returns
 * a new {@code GitTree} sharing the untouched folders), so a failed commit just keeps the old one.
 * Not thread-safe for reading from the repository: use it under the store's write lock.
 */
final class GitTree {

    /** A folder: its entries by name, and its id when it is known to be written. */
    private record Folder(TreeMap<String, Node> entries, ObjectId id) implements Node {
    }

    /** A file. */
    private record Blob(ObjectId id, FileMode mode) implements Node {
    }

    /** A folder no change has reached yet: only its id is known. */
    private record Unread(ObjectId id) implements Node {
    }

    private sealed interface Node permits Folder, Blob, Unread {
    }

    private final Folder root;

    private GitTree(Folder root) {
        this.root = root;
    }

    /** The empty tree (a new repository). */
    static GitTree empty() {
        return new GitTree(new Folder(new TreeMap<>(), null));
    }

    /** The tree {@code id}; its sub-folders are read when a change reaches them. */
    static GitTree of(ObjectReader reader, ObjectId id) {
        return new GitTree(read(reader, id));
    }

    /** Returns this tree with the file at {@code path} ({@code a/b/c.json}) set to blob {@code blob}. */
    GitTree put(ObjectReader reader, String path, ObjectId blob) {
        return new GitTree(change(reader, root, segments(path), 0, new Blob(blob, FileMode.REGULAR_FILE)));
    }

    /** Returns this tree without the file at {@code path}; folders left empty go too. */
    GitTree remove(ObjectReader reader, String path) {
        return new GitTree(change(reader, root, segments(path), 0, null));
    }

    /** Writes the folders changed since the tree was read; returns the root tree's id. */
    ObjectId write(ObjectInserter inserter) {
        return write(inserter, root);
    }

    private static Folder change(ObjectReader reader, Folder folder, String[] path, int at, Node leaf) {
        TreeMap<String, Node> entries = new TreeMap<>(folder.entries());
        String name = path[at];
        if (at == path.length - 1) {
            if (leaf == null) {
                entries.remove(name);
            } else {
                entries.put(name, leaf);
            }
        } else {
            Node child = entries.get(name);
            Folder sub = child instanceof Folder f ? f
                    : child instanceof Unread u ? read(reader, u.id())
                    : new Folder(new TreeMap<>(), null);
            Folder changed = change(reader, sub, path, at + 1, leaf);
            if (changed.entries().isEmpty()) {
                entries.remove(name);
            } else {
                entries.put(name, changed);
            }
        }
        return new Folder(entries, null);
    }

    private static Folder read(ObjectReader reader, ObjectId id) {
        TreeMap<String, Node> entries = new TreeMap<>();
        try {
            CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, id);
            for (; !parser.eof(); parser.next()) {
                FileMode mode = parser.getEntryFileMode();
                ObjectId entry = parser.getEntryObjectId();
                entries.put(parser.getEntryPathString(), mode == FileMode.TREE ? new Unread(entry) : new Blob(entry, mode));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tree " + id.name() + ": " + e.getMessage(), e);
        }
        return new Folder(entries, id);
    }

    private static ObjectId write(ObjectInserter inserter, Folder folder) {
        if (folder.id() != null) {
            return folder.id();
        }
        List<Map.Entry<String, Node>> sorted = new ArrayList<>(folder.entries().entrySet());
        sorted.sort((a, b) -> gitOrder(a.getKey(), !(a.getValue() instanceof Blob), b.getKey(), !(b.getValue() instanceof Blob)));
        TreeFormatter formatter = new TreeFormatter();
        for (Map.Entry<String, Node> e : sorted) {
            Node node = e.getValue();
            if (node instanceof Blob blob) {
                formatter.append(e.getKey(), blob.mode(), blob.id());
            } else {
                ObjectId id = node instanceof Unread unread ? unread.id() : write(inserter, (Folder) node);
                formatter.append(e.getKey(), FileMode.TREE, id);
            }
        }
        try {
            return inserter.insert(formatter);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a tree: " + e.getMessage(), e);
        }
    }

    /** Git's order of tree entries: by bytes, a folder's name compared as if it ended with {@code /}. */
    private static int gitOrder(String a, boolean aTree, String b, boolean bTree) {
        byte[] x = (aTree ? a + "/" : a).getBytes(StandardCharsets.UTF_8);
        byte[] y = (bTree ? b + "/" : b).getBytes(StandardCharsets.UTF_8);
        return Arrays.compareUnsigned(x, y);
    }

    private static String[] segments(String path) {
        return path.split("/");
    }
}
