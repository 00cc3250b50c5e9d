package dev.kompira.store.git;

import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.ObjectStore;
import dev.kompira.core.store.StoreChange;
import dev.kompira.core.store.StoreException;
import dev.kompira.core.store.Transaction;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final Layout layout;
    private final Secrets secrets;
    private final MemoryStore memory;
    /** The commit the branch points to, or null before the first one; guarded by the memory store's write lock. */
    private ObjectId head;
    private GitTree tree;
    private boolean loading = true;

    private GitStore(Repository repository, GitStoreOptions options, String branchRef, ObjectId pinned) {
        this.repository = repository;
        this.options = options;
        this.branchRef = branchRef;
        this.pinned = pinned;
        this.secrets = new Secrets(options.secretKey());
        this.layout = new Layout(secrets);
        this.memory = new MemoryStore(options.clock(), this::committing);
    }

    /**
     * Opens the store in the Git repository at {@code dir} — a working tree with {@code .git}, a
     * bare repository, or a folder that is not a repository yet (one is created) — and reads the
     * tree of {@link GitStoreOptions#branch()}: a branch (created by the first write when it does not
     * exist), or any other revision Git can name (a tag, a commit, {@code main~3}), which the store
     * then shows read-only: exactly the objects and flows of that revision.
     *
     * @throws StoreException when the files of the branch do not make a valid tree (each problem with its file)
     * @throws UncheckedIOException when the repository cannot be read or created
     */
    public static GitStore open(Path dir, GitStoreOptions options) {
        Objects.requireNonNull(options, "options");
        Repository repository = openRepository(dir);
        try {
            String name = options.branch() != null ? options.branch() : currentBranch(repository);
            ObjectId revision = repository.exactRef(Constants.R_HEADS + name) == null ? repository.resolve(name + "^{commit}") : null;
            GitStore store = new GitStore(repository, options, revision == null ? Constants.R_HEADS + name : null, revision);
            store.load();
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

    private void load() {
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            Ref ref = pinned != null ? null : repository.exactRef(branchRef);
            ObjectId start = pinned != null ? pinned : ref == null ? null : ref.getObjectId();
            if (start == null) {
                tree = GitTree.empty();
            } else {
                RevCommit commit = walk.parseCommit(start);
                head = commit;
                tree = GitTree.of(reader, commit.getTree());
                TreeLoader.load(reader, commit, memory, layout, secrets);
            }
            layout.commit();
            loading = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T read(Function<Transaction, T> reader) {
        return memory.read(reader);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The write becomes one commit whose message is {@code message}.
     *
     * @throws StoreException also when the branch was moved by someone else since the store read it
     */
    @Override
    public <T> T write(String message, Function<Transaction, T> work) {
        return memory.write(message, work);
    }

    @Override
    public boolean isEmpty() {
        return memory.isEmpty();
    }

    /** Returns the commit the store's branch points to, or empty before the first write. */
    public java.util.Optional<String> headCommit() {
        return java.util.Optional.ofNullable(head).map(ObjectId::name);
    }

    /**
     * Returns the repository paths of object {@code id}'s files ({@code tree/ops/web01.json}; for a
     * Jobflow the JSON and then its {@code .kjf}), or none when there is no such object.
     */
    public List<String> filesOf(long id) {
        synchronized (layout) {
            return layout.paths(id);
        }
    }

    /** Returns whether the store shows a fixed revision (a tag or commit) and refuses writes. */
    public boolean isReadOnly() {
        return pinned != null;
    }

    private String describe() {
        return pinned != null ? "revision " + pinned.name() : "branch " + branchRef;
    }

    @Override
    public void close() {
        memory.close();
        repository.close();
    }

    /** The memory store's listener: turns a write into a commit, or refuses it. Holds the layout's monitor, which {@link #filesOf} shares. */
    private void committing(String message, List<StoreChange> changes) {
        synchronized (layout) {
            commitLocked(message, changes);
        }
    }

    private void commitLocked(String message, List<StoreChange> changes) {
        if (loading) {
            changes.forEach(layout::apply);
            return;
        }
        if (pinned != null) {
            throw new StoreException("the store shows revision " + pinned.name() + " of " + repository.getDirectory()
                    + ", which cannot change: open a branch to write");
        }
        Set<Long> affected = layout.affectedBy(changes);
        Map<Long, List<String>> oldPaths = new java.util.HashMap<>();
        affected.forEach(id -> oldPaths.put(id, layout.paths(id)));
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
            ObjectId commit = commit(inserter, next.write(inserter), message);
            inserter.flush();
            moveBranch(commit, message);
            tree = next;
            head = commit;
            layout.commit();
        } catch (IOException | RuntimeException e) {
            layout.rollback();
            if (e instanceof StoreException refused) {
                throw refused;
            }
            throw new StoreException("cannot commit \"" + message + "\" to " + branchRef + ": " + e.getMessage());
        }
    }

    private ObjectId commit(ObjectInserter inserter, ObjectId treeId, String message) throws IOException {
        Instant now = options.clock().instant();
        PersonIdent who = new PersonIdent(options.authorName(), options.authorEmail(), java.util.Date.from(now),
                TimeZone.getTimeZone("UTC"));
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(treeId);
        if (head != null) {
            commit.setParentId(head);
        }
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage(message.endsWith("\n") ? message : message + "\n");
        return inserter.insert(commit);
    }

    private void moveBranch(ObjectId commit, String message) throws IOException {
        RefUpdate update = repository.updateRef(branchRef);
        update.setNewObjectId(commit);
        update.setExpectedOldObjectId(head == null ? ObjectId.zeroId() : head);
        update.setRefLogMessage("kompira: " + message, false);
        RefUpdate.Result result = update.update();
        switch (result) {
            case NEW, FAST_FORWARD, FORCED -> {
            }
            case LOCK_FAILURE, REJECTED -> throw new StoreException("branch " + branchRef + " was changed by someone else since "
                    + (head == null ? "the store was opened" : "commit " + head.name()) + "; nothing was written — reopen the store");
            default -> throw new StoreException("cannot move branch " + branchRef + ": " + result);
        }
    }
}
