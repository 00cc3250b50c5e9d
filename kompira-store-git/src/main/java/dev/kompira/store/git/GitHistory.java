package dev.kompira.store.git;

import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LogCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.HistogramDiff;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The history of a Git store (docs/git-store.md): the commits that changed an object, what changed
 * between two revisions object by object and field by field (with the source diff of flows), and
 * reverting a commit. Secret fields are never shown: a change to one reads {@code (secret changed)}.
 * Used by one thread at a time.
 */
public final class GitHistory {

    /** One commit: its id, when and by whom, and its whole message. */
    public record Commit(String id, Instant time, String author, String message) {

        /** Returns the first line of the message. */
        public String subject() {
            return message.lines().findFirst().orElse("");
        }
    }

    /**
     * What happened to one object between two revisions.
     *
     * @param path    its path (the new one when it moved)
     * @param kind    {@code added}, {@code removed} or {@code changed}
     * @param details for a changed object, one line per change: moves, properties, fields
     *                ({@code port: 22 -> 2222}), and the unified diff of a flow's source
     */
    public record ObjectChange(String path, String kind, List<String> details) {

        /** Copies the details. */
        public ObjectChange {
            details = List.copyOf(details);
        }
    }

    private final GitStore store;

    GitHistory(GitStore store) {
        this.store = store;
    }

    /**
     * Returns the commits of the store's revision that changed the object at {@code path} (or
     * anything below it), newest first; {@code path} null means every commit.
     *
     * @throws StoreException when there is no object at {@code path}
     */
    public List<Commit> log(String path, int limit) {
        try (Git git = Git.wrap(store.repository())) {
            ObjectId head = store.head();
            if (head == null) {
                return List.of();
            }
            LogCommand log = git.log().add(head).setMaxCount(limit);
            if (path != null) {
                for (String file : filesOf(path)) {
                    log.addPath(file.endsWith("/" + Layout.FOLDER_FILE) ? file.substring(0, file.length() - Layout.FOLDER_FILE.length() - 1) : file);
                }
            }
            List<Commit> commits = new ArrayList<>();
            for (RevCommit c : log.call()) {
                commits.add(new Commit(c.name(), Instant.ofEpochSecond(c.getCommitTime()),
                        c.getAuthorIdent().getName() + " <" + c.getAuthorIdent().getEmailAddress() + ">", c.getFullMessage()));
            }
            return commits;
        } catch (GitAPIException | IOException e) {
            throw new StoreException("cannot read the history of " + store.repository().getDirectory() + ": " + e.getMessage(), e);
        }
    }

    private List<String> filesOf(String path) {
        List<String> files = store.read(tx -> tx.get(path).map(o -> store.filesOf(o.id()))).orElseThrow(
                () -> new StoreException("no object at " + path + " in the store's revision"));
        return files;
    }

    /**
     * Returns what changed from revision {@code from} to revision {@code to} (null: the store's
     * revision), object by object in path order.
     *
     * @throws StoreException when a revision cannot be found or does not hold a valid tree
     */
    public List<ObjectChange> diff(String from, String to) {
        Map<Long, StoredObject> before = objectsAt(from);
        Map<Long, StoredObject> after = objectsAt(to);
        List<ObjectChange> changes = new ArrayList<>();
        Set<Long> ids = new LinkedHashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (long id : ids) {
            StoredObject a = before.get(id);
            StoredObject b = after.get(id);
            if (a == null) {
                changes.add(new ObjectChange(b.path(), "added", List.of()));
            } else if (b == null) {
                changes.add(new ObjectChange(a.path(), "removed", List.of()));
            } else {
                List<String> details = details(a, b, after);
                if (!details.isEmpty()) {
                    changes.add(new ObjectChange(b.path(), "changed", details));
                }
            }
        }
        changes.sort((x, y) -> x.path().compareTo(y.path()));
        return changes;
    }

    private List<String> details(StoredObject a, StoredObject b, Map<Long, StoredObject> after) {
        List<String> details = new ArrayList<>();
        if (!a.path().equals(b.path())) {
            details.add("moved from " + a.path());
        }
        property(details, "display_name", a.displayName(), b.displayName());
        property(details, "description", a.description(), b.description());
        property(details, "owner", a.owner(), b.owner());
        property(details, "user_permissions", Rendering.nested(a.userPermissions()), Rendering.nested(b.userPermissions()));
        property(details, "group_permissions", Rendering.nested(a.groupPermissions()), Rendering.nested(b.groupPermissions()));
        StoredObject type = after.get(b.typeId());
        Set<String> secret = type == null ? Set.of() : Secrets.declared(type);
        Set<String> names = new LinkedHashSet<>(a.fields().keySet());
        names.addAll(b.fields().keySet());
        for (String name : names) {
            String x = text(a.fields(), name);
            String y = text(b.fields(), name);
            if (Objects.equals(x, y)) {
                continue;
            }
            if (secret.contains(name)) {
                details.add(name + ": (secret changed)");
            } else if (name.equals(ObjectFile.SOURCE_FIELD) && a.fields().get(name) instanceof StringValue s
                    && b.fields().get(name) instanceof StringValue t) {
                details.add(name + ":\n" + unifiedDiff(s.value(), t.value()));
            } else {
                details.add(name + ": " + (x == null ? "(unset)" : x) + " -> " + (y == null ? "(unset)" : y));
            }
        }
        return details;
    }

    private static void property(List<String> details, String name, String a, String b) {
        if (!a.equals(b)) {
            details.add(name + ": " + a + " -> " + b);
        }
    }

    private static String text(Map<String, Value> fields, String name) {
        if (!fields.containsKey(name)) {
            return null;
        }
        Value v = fields.get(name);
        return v == null ? "null" : Rendering.nested(v);
    }

    private static String unifiedDiff(String a, String b) {
        RawText x = new RawText(a.getBytes(StandardCharsets.UTF_8));
        RawText y = new RawText(b.getBytes(StandardCharsets.UTF_8));
        EditList edits = new HistogramDiff().diff(RawTextComparator.DEFAULT, x, y);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter formatter = new DiffFormatter(out)) {
            formatter.format(edits, x, y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8).stripTrailing();
    }

    /** The objects of revision {@code rev} (null: the store's own), read into memory. */
    private Map<Long, StoredObject> objectsAt(String rev) {
        if (rev == null) {
            return objectsOf(store::read);
        }
        try (ObjectReader reader = store.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            ObjectId id = store.repository().resolve(rev + "^{commit}");
            if (id == null) {
                throw new StoreException("no revision " + rev + " in " + store.repository().getDirectory());
            }
            MemoryStore memory = new MemoryStore(Clock.systemUTC(), (message, changes) -> { });
            TreeLoader.load(reader, walk.parseCommit(id), memory, new Layout(store.secrets()), store.secrets());
            return objectsOf(memory::read);
        } catch (IOException e) {
            throw new StoreException("cannot read revision " + rev + ": " + e.getMessage(), e);
        }
    }

    private static Map<Long, StoredObject> objectsOf(Function<Function<Transaction, Map<Long, StoredObject>>, Map<Long, StoredObject>> read) {
        return read.apply(tx -> {
            Map<Long, StoredObject> all = new HashMap<>();
            if (tx.get("/").isEmpty()) {
                return all;
            }
            all.put(tx.root().id(), tx.root());
            tx.descendants(tx.root().id()).forEach(o -> all.put(o.id(), o));
            return all;
        });
    }

    /**
     * Reverts commit {@code rev} on the store's branch: a new commit puts back every file that
     * {@code rev} changed as it was before, provided no later commit changed it again; then the
     * store reloads. Call it while no engine writes through the store.
     *
     * @return the new commit
     * @throws StoreException when a file changed since (a conflict: nothing is written), or the store is read-only
     */
    public String revert(String rev) {
        Repository repository = store.repository();
        String branch = store.branchRef();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
                ObjectInserter inserter = repository.newObjectInserter();
                DiffFormatter differ = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            ObjectId id = repository.resolve(rev + "^{commit}");
            if (id == null) {
                throw new StoreException("no revision " + rev + " in " + repository.getDirectory());
            }
            RevCommit target = walk.parseCommit(id);
            if (target.getParentCount() != 1) {
                throw new StoreException("cannot revert " + target.name() + ": it has " + target.getParentCount() + " parents");
            }
            RevCommit parent = walk.parseCommit(target.getParent(0));
            ObjectId head = store.head();
            RevCommit current = walk.parseCommit(head);
            differ.setRepository(repository);
            GitTree tree = GitTree.of(reader, current.getTree());
            for (DiffEntry e : differ.scan(parent.getTree(), target.getTree())) {
                tree = undo(reader, tree, current, e);
            }
            String message = "Revert \"" + target.getShortMessage() + "\"\n\nThis reverts commit " + target.name() + ".";
            ObjectId commit = store.commit(inserter, tree.write(inserter), head, message);
            inserter.flush();
            store.moveBranch(head, commit);
            store.reload();
            return commit.name();
        } catch (IOException e) {
            throw new StoreException("cannot revert " + rev + " on " + branch + ": " + e.getMessage(), e);
        }
    }

    /** Puts back the old side of {@code e} in {@code tree}, if the file is still as the reverted commit left it. */
    private static GitTree undo(ObjectReader reader, GitTree tree, RevCommit current, DiffEntry e) throws IOException {
        String path = e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath();
        ObjectId now = blobAt(reader, current, path);
        ObjectId left = e.getChangeType() == DiffEntry.ChangeType.DELETE ? null : e.getNewId().toObjectId();
        if (!Objects.equals(now, left)) {
            throw new StoreException("cannot revert: " + path + " was changed again after that commit; nothing was written");
        }
        GitTree next = tree;
        if (e.getChangeType() != DiffEntry.ChangeType.DELETE) {
            next = next.remove(reader, e.getNewPath());
        }
        if (e.getChangeType() != DiffEntry.ChangeType.ADD) {
            next = next.put(reader, e.getOldPath(), e.getOldId().toObjectId());
        }
        return next;
    }

    private static ObjectId blobAt(ObjectReader reader, RevCommit commit, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
            return walk == null ? null : walk.getObjectId(0);
        }
    }

}
