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
 * {@code kompira check}. Thread-safe: reloads are serialised.
 */
final class StoreApi {

    private final GitStore git;
    private final ZoneId zone;

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
        synchronized (this) {
            String before = git.headCommit().orElse(null);
            String candidate;
            try {
                candidate = git.branchHead().orElseThrow(() -> ApiException.conflict("the branch has no commit yet"));
                if (!candidate.equals(before)) {
                    deploy(candidate, before);
                }
            } catch (StoreException e) {
                throw ApiException.conflict(e.getMessage());
            }
            ObjectNode body = view();
            body.put("previous_commit", before).put("reloaded", !candidate.equals(before));
            Http.send(ctx, 200, body);
        }
    }

    /** Checks commit {@code candidate} and reloads the store to it when it passes. */
    private void deploy(String candidate, String running) {
        try (GitStore review = git.openBranchHead()) {
            String checked = review.headCommit().orElseThrow();
            List<String> problems = StoreCheck.run(review, zone).problems();
            if (!problems.isEmpty()) {
                throw refused(checked, running, problems);
            }
            git.reload(checked);
        } catch (InvalidTreeException e) {
            throw refused(candidate, running, e.problems().stream().map(p -> p.file() + ": error: " + p.message()).toList());
        }
    }

    private ObjectNode view() {
        ObjectNode body = Http.JSON.createObjectNode();
        if (git == null) {
            return body.put("kind", "other").putNull("branch").putNull("commit").putNull("branch_head");
        }
        body.put("kind", "git").put("branch", git.branch().orElse(null)).put("commit", git.headCommit().orElse(null));
        return body.put("branch_head", git.isReadOnly() ? null : git.branchHead().orElse(null));
    }

    private static ApiException refused(String candidate, String running, List<String> problems) {
        ObjectNode details = Http.JSON.createObjectNode();
        ArrayNode list = details.putArray("problems");
        problems.forEach(list::add);
        details.put("rendered", String.join("\n", problems) + "\n");
        return new ApiException(422, "check_failed", candidate + " does not pass kompira check (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "); the engine keeps running " + running, details);
    }
}
