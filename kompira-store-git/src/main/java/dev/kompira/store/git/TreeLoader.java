package dev.kompira.store.git;

import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reads the tree of one commit into a {@link MemoryStore} (docs/git-store.md): every file under
 * {@value Layout#TREE} becomes an object with the id, name, type and fields its JSON gives; a
 * folder without {@value Layout#FOLDER_FILE} is a Directory and a {@code .kjf} file without a JSON
 * file a Jobflow, so that people may add flows by hand; objects without an id get new ones. Every
 * problem is collected with the file it is in and reported as an {@link InvalidTreeException}.
 */
final class TreeLoader {

    private static final String DIRECTORY_TYPE = "/system/types/Directory";
    private static final String JOBFLOW_TYPE = "/system/types/Jobflow";

    /** One object found in the files. */
    private static final class Found {
        final String folder;      // repository folder of the object's files (its parent's folder for a leaf)
        final String segment;     // file name (without extension) or folder name; "" for the root
        final String file;        // the file named in messages
        ObjectFile.Parsed parsed; // null for an implicit Directory or Jobflow
        byte[] source;
        boolean isFolder;
        Found parent;
        String path;
        long id;

        Found(String folder, String segment, String file) {
            this.folder = folder;
            this.segment = segment;
            this.file = file;
        }

        String name() {
            return parsed != null && parsed.name() != null ? parsed.name() : segment;
        }
    }

    private final ObjectReader reader;
    private final Instant commitTime;
    private final Map<String, Found> byKey = new LinkedHashMap<>();
    private final Map<String, Long> idsByPath = new HashMap<>();
    private final List<InvalidTreeException.Problem> problems = new ArrayList<>();

    private final Secrets secrets;

    private TreeLoader(ObjectReader reader, Instant commitTime, Secrets secrets) {
        this.reader = reader;
        this.commitTime = commitTime;
        this.secrets = secrets;
    }

    /**
     * Loads the tree of {@code commit} into {@code store} (empty, its listener in loading mode),
     * seeding {@code layout} with the file names found.
     *
     * @throws StoreException listing every problem, each with its file, when the files do not make a valid tree
     */
    static void load(ObjectReader reader, RevCommit commit, MemoryStore store, Layout layout, Secrets secrets) {
        TreeLoader loader = new TreeLoader(reader, Instant.ofEpochSecond(commit.getCommitTime()), secrets);
        loader.readFiles(commit.getTree());
        if (loader.byKey.isEmpty()) {
            return;
        }
        loader.link();
        loader.check();
        store.write("load " + commit.name(), tx -> {
            loader.create(tx, layout);
            return null;
        });
    }

    private void readFiles(ObjectId tree) {
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            walk.setFilter(PathFilter.create(Layout.TREE));
            while (walk.next()) {
                String path = walk.getPathString();
                byte[] bytes = reader.open(walk.getObjectId(0)).getBytes();
                place(path, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tree of the repository: " + e.getMessage(), e);
        }
    }

    /** Files the file at {@code path} under the object it belongs to. */
    private void place(String path, byte[] bytes) {
        int slash = path.lastIndexOf('/');
        String folder = path.substring(0, slash);
        String file = path.substring(slash + 1);
        if (file.equals(Layout.FOLDER_FILE)) {
            Found f = folderObject(folder);
            f.parsed = parse(path, bytes);
        } else if (file.endsWith(Layout.JSON) && !file.startsWith(".")) {
            Found f = leaf(folder, file.substring(0, file.length() - Layout.JSON.length()), path);
            f.parsed = parse(path, bytes);
        } else if (file.endsWith(Layout.SOURCE) && !file.startsWith(".")) {
            leaf(folder, file.substring(0, file.length() - Layout.SOURCE.length()), path).source = bytes;
        } else {
            problem(path, "not an object file (expected NAME.json, NAME.kjf or " + Layout.FOLDER_FILE + ")");
        }
    }

    private ObjectFile.Parsed parse(String path, byte[] bytes) {
        try {
            return ObjectFile.parse(path, bytes);
        } catch (IllegalArgumentException e) {
            problem(path, e.getMessage());
            return null;
        }
    }

    private Found folderObject(String folder) {
        Found f = byKey.computeIfAbsent(folder + "/", k -> {
            int slash = folder.lastIndexOf('/');
            return slash < 0 ? new Found(folder, "", folder + "/" + Layout.FOLDER_FILE)
                    : new Found(folder.substring(0, slash), folder.substring(slash + 1), folder + "/" + Layout.FOLDER_FILE);
        });
        f.isFolder = true;
        return f;
    }

    private Found leaf(String folder, String segment, String file) {
        return byKey.computeIfAbsent(folder + "/" + segment, k -> new Found(folder, segment, file));
    }

    /** Gives each object its parent (creating implicit Directories), path and id. */
    private void link() {
        ArrayDeque<Found> unlinked = new ArrayDeque<>(byKey.values());
        while (!unlinked.isEmpty()) {
            Found f = unlinked.pop();
            if (!(f.isFolder && f.segment.isEmpty()) && f.parent == null) {
                int before = byKey.size();
                f.parent = folderObject(f.folder);
                if (byKey.size() > before) {
                    unlinked.push(f.parent);
                }
            }
        }
        List<Found> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparingInt(f -> depth(f)));
        long maxId = 0;
        Map<Long, Found> byId = new HashMap<>();
        for (Found f : all) {
            f.path = f.parent == null ? "/" : (f.parent.parent == null ? "/" : f.parent.path + "/") + f.name();
            Long id = f.parsed == null ? null : f.parsed.id();
            if (id != null && id > 0) {
                Found other = byId.putIfAbsent(id, f);
                if (other != null) {
                    problem(f.file, "id " + id + " is also the id of " + other.file);
                } else {
                    f.id = id;
                    maxId = Math.max(maxId, id);
                }
            }
        }
        for (Found f : all) {
            if (f.id == 0) {
                f.id = ++maxId;
            }
            Long before = idsByPath.putIfAbsent(f.path, f.id);
            if (before != null) {
                problem(f.file, f.path + " is also the path of another object");
            }
        }
        byKey.clear();
        all.forEach(f -> byKey.put(f.file, f));
    }

    private static int depth(Found f) {
        return f.parent == null ? 0 : depth(f.parent) + 1;
    }

    /** Notes a problem of {@code file}; a message that starts with the file name does not repeat it. */
    private void problem(String file, String message) {
        String text = message == null ? "cannot be read" : message;
        problems.add(new InvalidTreeException.Problem(file, text.startsWith(file + ": ") ? text.substring(file.length() + 2) : text));
    }

    private void check() {
        if (!problems.isEmpty()) {
            throw new InvalidTreeException(problems);
        }
    }

    private void create(Transaction tx, Layout layout) {
        for (Found f : byKey.values()) {
            try {
                createOne(tx, layout, f);
            } catch (StoreException | IllegalArgumentException e) {
                problem(f.file, e.getMessage());
            }
        }
        check();
    }

    private void createOne(Transaction tx, Layout layout, Found f) {
        ObjectFile.Parsed p = f.parsed;
        String type = p != null && p.type() != null ? p.type() : f.isFolder ? DIRECTORY_TYPE : f.source != null ? JOBFLOW_TYPE : null;
        if (type == null) {
            throw new IllegalArgumentException("no 'type'");
        }
        long typeId = type.startsWith("/") ? idOf(type) : Long.parseLong(type);
        Map<String, Value> fields = new LinkedHashMap<>();
        if (p != null) {
            p.fields().forEach((name, node) -> fields.put(name,
                    ObjectFile.field(f.file, name, secrets.open(f.file, f.id, name, node), this::idOf)));
        }
        if (f.source != null) {
            fields.put(ObjectFile.SOURCE_FIELD, StringValue.of(new String(f.source, StandardCharsets.UTF_8)));
        }
        if (f.parent != null) {
            layout.seed(f.id, f.parent.id, f.segment);
        }
        String owner = p != null && p.owner() != null ? p.owner() : "root";
        StoredObject o = tx.create(f.parent == null ? 0 : f.parent.id, f.parent == null ? "" : f.name(),
                typeId == f.id ? Transaction.SELF_TYPED : typeId, p == null ? null : p.displayName(), owner, fields, f.id);
        if (o.id() != f.id) {
            throw new IllegalArgumentException("cannot keep id " + f.id);
        }
        if (p != null) {
            tx.update(o.id(), new ObjectUpdate(Map.of(), Set.of(), null, p.description(), null, p.userPermissions(),
                    p.groupPermissions(), false));
        }
        Instant created = p != null && p.created() != null ? p.created() : commitTime;
        tx.stamp(o.id(), created, p != null && p.updated() != null ? p.updated() : created);
    }

    private long idOf(String path) {
        Long id = idsByPath.get(path);
        if (id == null) {
            throw new IllegalArgumentException("no object at " + path);
        }
        return id;
    }
}
