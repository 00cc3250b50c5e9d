package dev.kompira.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.store.StoreException;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.InvalidTreeException;
import dev.kompira.store.git.StoreCheck;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.List;

/**
 * The store routes: the revision the engine runs, and deploying the branch's new head once it passes
 * {@code kompira check}, on request or, with {@code --follow-branch}, when the branch moves.
 * Thread-safe: checks and reloads are serialised.
 */
final class StoreApi {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreApi.class);

    private final GitStore git;
    private final ZoneId zone;
    /** The last head refused while the branch still pointed at it, or null; guarded by this. */
    private Refused refused;

    /** A branch head that did not pass the check. */
    private record Refused(String commit, List<String> problems) {
    }

    /** What a reload did. */
    private record Deployed(String previous, boolean reloaded) {
    }

    /** {@code git} is the engine's Git store, or Java null for an engine on another store. */
    StoreApi(GitStore git, ZoneId zone) {
        this.git = git;
        this.zone = zone;
    }

    /** {@code GET /api/v1/store}. */
    void show(Context ctx) {
        Http.send(ctx, 200, view());
    }

    /**
     * {@code POST /api/v1/store/reload}: checks the commit the branch points at now and deploys it
     * when it passes; 422 with the problems, the engine keeping its revision, when it does not.
     */
    void reload(Context ctx) {
        if (git == null) {
            throw ApiException.conflict("the engine runs on no Git store: there is nothing to reload");
        }
        Deployed deployed = deployHead();
        ObjectNode body = view();
        body.put("previous_commit", deployed.previous()).put("reloaded", deployed.reloaded());
        Http.send(ctx, 200, body);
    }

    /**
     * Deploys the branch head when it is new and was not refused before: what {@code --follow-branch}
     * does at each look. Logs what it did; never throws.
     */
    void follow() {
        try {
            String head = git.branchHead().orElse(null);
            synchronized (this) {
                if (head == null || head.equals(git.headCommit().orElse(null)) || refused != null && head.equals(refused.commit())) {
                    return;
                }
            }
            if (deployHead().reloaded()) {
                LOG.info("deployed {} of branch {}", git.headCommit().orElse(null), git.branch().orElse(null));
            }
        } catch (ApiException e) {
            LOG.warn("not deploying the head of branch {}: {}", git.branch().orElse(null), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("cannot follow branch {}", git.branch().orElse(null), e);
        }
    }

    private synchronized Deployed deployHead() {
        String before = git.headCommit().orElse(null);
        try {
            String candidate = git.branchHead().orElseThrow(() -> ApiException.conflict("the branch has no commit yet"));
            if (candidate.equals(before)) {
                return new Deployed(before, false);
            }
            deploy(candidate, before);
            refused = null;
            return new Deployed(before, true);
        } catch (StoreException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Checks commit {@code candidate} and reloads the store to it when it passes. */
    private void deploy(String candidate, String running) {
        try (GitStore review = git.openBranchHead()) {
            String checked = review.headCommit().orElseThrow();
            List<String> problems = StoreCheck.run(review, zone).problems();
            if (!problems.isEmpty()) {
                throw refuse(checked, running, problems);
            }
            git.reload(checked);
        } catch (InvalidTreeException e) {
            throw refuse(candidate, running, e.problems().stream().map(p -> p.file() + ": error: " + p.message()).toList());
        }
    }

    private synchronized ObjectNode view() {
        ObjectNode body = Http.JSON.createObjectNode();
        if (git == null) {
            return body.put("kind", "other").putNull("branch").putNull("commit").putNull("branch_head").putNull("refused");
        }
        String head = git.isReadOnly() ? null : git.branchHead().orElse(null);
        body.put("kind", "git").put("branch", git.branch().orElse(null)).put("commit", git.headCommit().orElse(null))
                .put("branch_head", head);
        if (refused != null && refused.commit().equals(head)) {
            ObjectNode r = body.putObject("refused").put("commit", refused.commit());
            ArrayNode problems = r.putArray("problems");
            refused.problems().forEach(problems::add);
        } else {
            body.putNull("refused");
        }
        return body;
    }

    /** Remembers the refusal, for {@code GET /api/v1/store} and the follower, and returns the 422 to answer. */
    private ApiException refuse(String candidate, String running, List<String> problems) {
        refused = new Refused(candidate, List.copyOf(problems));
        ObjectNode details = Http.JSON.createObjectNode();
        ArrayNode list = details.putArray("problems");
        problems.forEach(list::add);
        details.put("rendered", String.join("\n", problems) + "\n");
        return new ApiException(422, "check_failed", candidate + " does not pass kompira check (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "); the engine keeps running " + running, details);
    }
}
