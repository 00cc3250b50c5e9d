package dev.kompira.store.git;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.ObjectUpdate;
import dev.kompira.core.store.StoreChange;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.store.Transaction;
import dev.kompira.core.value.Value;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The object tree as files in a Git repository (docs/git-store.md): every write transaction is one
 * commit on the store's branch, made directly in the repository's object database (a working tree,
 * if there is one, is not touched). The tree is read into memory when the store opens; reads are
 * served from there and never touch the repository.
 *
 * <p>A commit only succeeds when the branch still points where the store left it: if someone else
 * moved the branch (a push, a merge), the write fails with a {@link StoreException} that says so
 * and nothing changes — reopen the store to work on the new revision.
 *
 * <p>Thread-safe: reads run concurrently on consistent snapshots; writes are serialised.
 */
public final class GitStore implements ObjectStore {

    private final Repository repository;
    private final GitStoreOptions options;
    /** The branch written to, or null when the store shows a pinned revision. */
    private final String branchRef;
    /** The commit a store opened on a tag or commit shows, or null on a branch. */
    private final ObjectId pinned;
    private final Secrets secrets;
    /** The runtime state of the branch's objects, or null for a read-only revision. */
    private final RuntimeState runtime;
    /** The commit in memory; replaced when the store reloads. */
    private volatile Checkout current;
    /** Counts the reloads, for {@link #revision()}. */
    private final java.util.concurrent.atomic.AtomicLong reloads = new java.util.concurrent.atomic.AtomicLong();

    private GitStore(Repository repository, GitStoreOptions options, String branchRef, ObjectId pinned) {
        this.repository = repository;
        this.options = options;
        this.branchRef = branchRef;
        this.pinned = pinned;
        this.secrets = new Secrets(options.secretKey());
        this.runtime = branchRef == null ? null : new RuntimeState(repository.getDirectory().toPath(), branchRef);
    }

    /**
     * Opens the store in the Git repository at {@code dir} — a working tree with {@code .git}, a
     * bare repository, or a folder that is not a repository yet (one is created) — and reads the
     * tree of {@link GitStoreOptions#branch()}: a branch (created by the first write when it does not
     * exist), or any other revision Git can name (a tag, a commit, {@code main~3}), which the store
     * then shows read-only: exactly the objects and flows of that revision.
     *
     * @throws InvalidTreeException when the files do not make a valid tree (each problem with its file)
     * @throws UncheckedIOException when the repository cannot be read or created
     */
    public static GitStore open(Path dir, GitStoreOptions options) {
        Objects.requireNonNull(options, "options");
        Repository repository = openRepository(dir);
        try {
            String name = options.branch() != null ? options.branch() : currentBranch(repository);
            ObjectId revision = repository.exactRef(Constants.R_HEADS + name) == null ? repository.resolve(name + "^{commit}") : null;
            GitStore store = new GitStore(repository, options, revision == null ? Constants.R_HEADS + name : null, revision);
            store.current = store.checkout(store.start());
            return store;
        } catch (IOException e) {
            repository.close();
            throw new UncheckedIOException("cannot read the HEAD of " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    private static Repository openRepository(Path dir) {
        try {
            Files.createDirectories(dir);
            File gitDir = Files.isDirectory(dir.resolve(Constants.DOT_GIT)) ? dir.resolve(Constants.DOT_GIT).toFile()
                    : Files.isRegularFile(dir.resolve(Constants.HEAD)) ? dir.toFile() : null;
            if (gitDir == null) {
                try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
                    gitDir = git.getRepository().getDirectory();
                }
            }
            return new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build();
        } catch (IOException | GitAPIException e) {
            throw new UncheckedIOException("cannot open a Git repository at " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static String currentBranch(Repository repository) throws IOException {
        Ref headRef = repository.exactRef(Constants.HEAD);
        if (headRef != null && headRef.isSymbolic()) {
            return Repository.shortenRefName(headRef.getTarget().getName());
        }
        return "main";
    }

    /** The commit to show: the pinned one, or where the branch points now (null: no commit yet). */
    private ObjectId start() throws IOException {
        if (pinned != null) {
            return pinned;
        }
        Ref ref = repository.exactRef(branchRef);
        return ref == null ? null : ref.getObjectId();
    }

    /** Reads commit {@code start} (or nothing) into a new checkout. */
    private Checkout checkout(ObjectId start) {
        Checkout loaded = new Checkout();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            if (start == null) {
                loaded.tree = GitTree.empty();
            } else {
                RevCommit commit = walk.parseCommit(start);
                loaded.head = commit;
                loaded.tree = GitTree.of(reader, commit.getTree());
                TreeLoader.load(reader, commit, loaded.memory, loaded.layout, secrets);
                loaded.treeId = commit.getTree();
            }
            if (runtime != null) {
                loaded.restoreRuntimeState();
            }
            loaded.layout.commit();
            loaded.loading = false;
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the branch again, as it is now in the repository (after a revert, a merge, a push):
     * later reads and writes see that revision. Writes running meanwhile fail as the branch moved.
     *
     * @throws InvalidTreeException when the files of the branch do not make a valid tree; the store keeps the old one
     */
    public void reload() {
        try {
            Checkout old = current;
            current = checkout(start());
            reloads.incrementAndGet();
            old.memory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens, read-only and with this store's options, the commit the branch points at now: what
     * {@link #reload()} would show, for a check before deploying it (docs/server.md). The caller
     * closes it.
     *
     * @throws StoreException when the branch has no commit, or the store shows a pinned revision
     * @throws InvalidTreeException when the files of that commit do not make a valid tree
     */
    public GitStore openBranchHead() {
        String head = branchHead().orElseThrow(() -> new StoreException(describe() + " has no commit yet"));
        return open(repository.getDirectory().toPath(), options.withBranch(head));
    }

    /**
     * Returns the commit the branch points at in the repository now, which differs from
     * {@link #headCommit()} after a merge or push until the store reloads; empty before the first commit.
     *
     * @throws StoreException for a store that shows a pinned revision
     */
    public Optional<String> branchHead() {
        try {
            Ref ref = repository.exactRef(branchRef());
            return ref == null ? Optional.empty() : Optional.of(ref.getObjectId().name());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reloads like {@link #reload()}, provided the branch still points at {@code commit} (the one a
     * caller checked with {@link #openBranchHead()}).
     *
     * @throws StoreException when the branch points elsewhere now; the store keeps its tree
     */
    public synchronized void reload(String commit) {
        try {
            Ref ref = repository.exactRef(branchRef());
            if (ref == null || !ref.getObjectId().name().equals(commit)) {
                throw new StoreException(describe() + " moved from " + commit + " while it was being checked");
            }
            Checkout old = current;
            current = checkout(ref.getObjectId());
            reloads.incrementAndGet();
            old.memory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Returns the branch the store shows ({@code main}), or empty for a pinned revision. */
    public Optional<String> branch() {
        return Optional.ofNullable(branchRef).map(Repository::shortenRefName);
    }

    @Override
    public <T> T read(Function<Transaction, T> reader) {
        return current.memory.read(reader);
    }

    // The comments of write and revision are written out, not {@inheritDoc}: Java 25's javadoc finds
    // nothing to inherit from core's ObjectStore here and fails the build on its warning.
    /**
     * Runs {@code work} as one atomic transaction, which becomes one commit whose message is
     * {@code message}.
     *
     * @throws StoreException when {@code work} breaks a rule, or when the branch was moved by someone
     *     else since the store read it; nothing is applied
     */
    @Override
    public <T> T write(String message, Function<Transaction, T> work) {
        return current.memory.write(message, work);
    }

    @Override
    public boolean isEmpty() {
        return current.memory.isEmpty();
    }

    /**
     * Returns a number that grows whenever {@link #reload} replaces the tree, so that caches over the
     * store know to drop what they hold.
     */
    @Override
    public long revision() {
        return reloads.get();
    }

    /** Returns the commit the store shows, or empty before the first write. */
    public Optional<String> headCommit() {
        return Optional.ofNullable(current.head).map(ObjectId::name);
    }

    /**
     * Returns the repository paths of object {@code id}'s files ({@code tree/ops/web01.json}; for a
     * Jobflow the JSON and then its {@code .kjf}), or none when there is no such object.
     */
    public List<String> filesOf(long id) {
        Checkout checkout = current;
        synchronized (checkout.layout) {
            return checkout.layout.paths(id);
        }
    }

    /**
     * Returns the folder where processes of this store's branch keep their checkpoints
     * ({@code <git dir>/kompira/checkpoints/<branch>/}): beside the repository, never committed, as
     * {@code kompira run --store DIR --checkpoint-mode} and {@code kompira ps --store DIR} use it.
     *
     * @throws StoreException for a read-only revision, which runs no processes of its own
     */
    public Path checkpointFolder() {
        return runtimeFolder().resolve("checkpoints").resolve(RuntimeState.folderName(branchRef()));
    }

    /**
     * Returns the folder where the tools that run on this repository keep their own files
     * ({@code <git dir>/kompira/}: checkpoints, channel queues, the API tokens of {@code kompira serve}):
     * beside the repository, never committed.
     */
    public Path runtimeFolder() {
        return repository.getDirectory().toPath().resolve("kompira");
    }

    /** Returns the history of the store's branch: log, diff and revert. */
    public GitHistory history() {
        return new GitHistory(this);
    }

    /** Returns whether the store shows a fixed revision (a tag or commit) and refuses writes. */
    public boolean isReadOnly() {
        return pinned != null;
    }

    Repository repository() {
        return repository;
    }

    Secrets secrets() {
        return secrets;
    }

    /** The branch ref written to; throws for a read-only store. */
    String branchRef() {
        if (pinned != null) {
            throw new StoreException(readOnlyMessage());
        }
        return branchRef;
    }

    ObjectId head() {
        return current.head;
    }

    private String describe() {
        return pinned != null ? "revision " + pinned.name() : "branch " + branchRef;
    }

    private String readOnlyMessage() {
        return "the store shows revision " + pinned.name() + " of " + repository.getDirectory()
                + ", which cannot change: open a branch to write";
    }

    @Override
    public void close() {
        current.memory.close();
        repository.close();
    }

    /** Writes a commit of {@code tree} after {@code parent} (may be null) with {@code message}. */
    ObjectId commit(ObjectInserter inserter, ObjectId treeId, ObjectId parent, String message) throws IOException {
        Instant now = options.clock().instant();
        PersonIdent who = new PersonIdent(options.authorName(), options.authorEmail(), java.util.Date.from(now),
                TimeZone.getTimeZone("UTC"));
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(treeId);
        if (parent != null) {
            commit.setParentId(parent);
        }
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        return inserter.insert(commit);
    }

    /** Moves the branch from {@code expected} (null: no branch yet) to {@code commit}, or fails if someone else moved it. */
    void moveBranch(ObjectId expected, ObjectId commit) throws IOException {
        RefUpdate update = repository.updateRef(branchRef());
        update.setNewObjectId(commit);
        update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
        // the expected old id is the guard (checked under the ref's lock); forcing only skips
        // reading both commits back to prove a fast-forward that the parent link already makes one
        update.setForceUpdate(true);
        // every commit of the engine is in the branch's linear history already; a reflog line per
        // field update would double the files written per commit (decisions.md, Git store)
        update.disableRefLog();
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW, FAST_FORWARD, FORCED -> {
            }
            case LOCK_FAILURE, REJECTED -> throw new StoreException("branch " + branchRef + " was changed by someone else since "
                    + (expected == null ? "the store was opened" : "commit " + expected.name()) + "; nothing was written — reopen the store");
            default -> throw new StoreException("cannot move branch " + branchRef + ": " + result);
        }
    }

    /**
     * One commit in memory: its objects (a memory store whose writes become commits), where they
     * live as files, and its Git tree. Written under the memory store's write lock and the layout's
     * monitor, which {@link #filesOf} shares.
     */
    private final class Checkout {

        final Layout layout = new Layout(secrets);
        final MemoryStore memory = new MemoryStore(options.clock(), this::committing);
        ObjectId head;
        GitTree tree;
        /** The id of {@link #tree}, or null before the first commit. */
        ObjectId treeId;
        boolean loading = true;

        /** Puts the saved runtime state back into the objects it belongs to (objects gone since are skipped). */
        void restoreRuntimeState() {
            Map<Long, Map<String, JsonNode>> saved = runtime.load();
            if (saved.isEmpty()) {
                return;
            }
            memory.write("restore the runtime state", tx -> {
                saved.forEach((id, fields) -> {
                    if (tx.get(id).isPresent()) {
                        Map<String, Value> values = new LinkedHashMap<>();
                        fields.forEach((k, v) -> values.put(k, StoredValues.decode(v, path -> tx.get(path)
                                .orElseThrow(() -> new IllegalArgumentException("no object at " + path)).id())));
                        tx.update(id, new ObjectUpdate(values, Set.of(), null, null, null, null, null, false));
                    }
                });
                return null;
            });
        }

        /** The memory store's listener: turns a write into a commit, or refuses it. */
        private void committing(String message, List<StoreChange> changes) {
            synchronized (layout) {
                if (loading) {
                    changes.forEach(layout::apply);
                } else if (pinned != null) {
                    throw new StoreException(readOnlyMessage());
                } else {
                    commitChanges(message, changes);
                }
            }
        }

        private String pathOf(long id) {
            StoredObject o = layout.object(id);
            return o == null ? null : o.path();
        }

        /**
         * Commits the files {@code changes} alter; runtime state (invisible fields) goes to its own
         * files first, and a write that changed nothing else makes no commit.
         */
        private void commitChanges(String message, List<StoreChange> changes) {
            Set<Long> affected = layout.affectedBy(changes);
            Map<Long, List<String>> oldPaths = new HashMap<>();
            affected.forEach(id -> oldPaths.put(id, layout.paths(id)));
            Set<Long> hadRuntime = new HashSet<>();
            changes.forEach(c -> {
                if (c.before() != null && !layout.runtime(c.before().id()).isEmpty()) {
                    hadRuntime.add(c.before().id());
                }
            });
            changes.forEach(layout::apply);
            try (ObjectReader reader = repository.newObjectReader(); ObjectInserter inserter = repository.newObjectInserter()) {
                GitTree next = tree;
                for (long id : affected) {
                    for (String path : oldPaths.get(id)) {
                        next = next.remove(reader, path);
                    }
                }
                for (long id : affected) {
                    if (layout.object(id) != null) {
                        for (Map.Entry<String, byte[]> file : layout.files(id).entrySet()) {
                            next = next.put(reader, file.getKey(), inserter.insert(Constants.OBJ_BLOB, file.getValue()));
                        }
                    }
                }
                for (StoreChange c : changes) {
                    long id = (c.after() != null ? c.after() : c.before()).id();
                    Map<String, Value> state = layout.runtime(id);
                    if (!state.isEmpty() || hadRuntime.contains(id)) {
                        runtime.save(id, state, this::pathOf);
                    }
                }
                ObjectId nextId = next.write(inserter);
                if (!nextId.equals(treeId)) {
                    ObjectId commit = commit(inserter, nextId, head, message);
                    inserter.flush();
                    moveBranch(head, commit);
                    head = commit;
                }
                tree = next;
                treeId = nextId;
                layout.commit();
            } catch (IOException | RuntimeException e) {
                layout.rollback();
                if (e instanceof StoreException refused) {
                    throw refused;
                }
                throw new StoreException("cannot commit \"" + message.lines().findFirst().orElse("") + "\" to " + branchRef
                        + ": " + e.getMessage());
            }
        }
    }
}
