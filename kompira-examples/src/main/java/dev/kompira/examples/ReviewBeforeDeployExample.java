package dev.kompira.examples;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.StartOptions;
import dev.kompira.store.git.GitHistory.ObjectChange;
import dev.kompira.store.git.GitStore;
import dev.kompira.store.git.GitStoreOptions;
import dev.kompira.store.git.StoreCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;

/**
 * The review-before-deploy loop of a Git store (docs/git-store.md), end to end on real repositories:
 * an engine runs the flows of branch {@code main} of a repository; a developer clones it, changes a
 * flow on a branch and pushes it; {@code kompira check} (here {@link StoreCheck}) rejects the first,
 * broken attempt with the file, line and column, and accepts the fix; the change is diffed object by
 * object; it is merged into {@code main}; and the engine deploys the new revision by reloading its
 * store. Run it with {@code java -cp ... dev.kompira.examples.ReviewBeforeDeployExample WORKDIR}.
 */
public final class ReviewBeforeDeployExample {

    /** The flow that is deployed first. */
    static final String FIRST = "print('hello from version 1')\n";
    /** The developer's first attempt: a connector typed twice. */
    static final String BROKEN = "print('hello from version 2') -> -> print('reviewed before it ran')\n";
    /** The change that passes review. */
    static final String FIXED = "print('hello from version 2') -> print('reviewed before it ran')\n";
    /** The flow's object path, and its source file in the repository. */
    static final String FLOW = "/ops/greet";
    static final String FLOW_FILE = "tree/ops/greet.kjf";
    static final String BRANCH = "friendlier-greeting";
    private static final ZoneId ZONE = ZoneOffset.UTC;

    /** What the loop saw at each step. */
    public record Outcome(String consoleBefore, List<String> problemsOfBrokenChange, List<String> problemsOfFix,
            List<ObjectChange> review, String mergedCommit, String deployedCommit, String consoleAfter) {
    }

    private ReviewBeforeDeployExample() {
    }

    /** Runs the whole loop in folder {@code work}, narrating it to {@code out}. */
    public static Outcome run(Path work, PrintStream out) throws IOException, GitAPIException, InterruptedException, FlowCompileException {
        Path server = work.resolve("flows.git");
        Git.init().setBare(true).setDirectory(server.toFile()).setInitialBranch("main").call().close();
        StringBuilder console = new StringBuilder();
        try (GitStore store = GitStore.open(server, GitStoreOptions.defaults().withAuthor("Kompira engine", "engine@example.com"));
                Kompira engine = Kompira.builder().store(store).console((pid, text) -> console.append(text)).build()) {
            engine.objects().batch("add " + FLOW, objects -> {
                objects.createDirectories("/ops");
                objects.createJobflow(FLOW, FIRST);
            });
            String before = runFlow(engine, console);
            out.print("deployed " + store.headCommit().orElseThrow() + " runs: " + before);

            Path clone = work.resolve("developer");
            try (Git developer = Git.cloneRepository().setURI(server.toUri().toString()).setDirectory(clone.toFile()).call()) {
                developer.checkout().setCreateBranch(true).setName(BRANCH).call();
                commitEdit(developer, clone, BROKEN, "Greet in version 2");
                pushBranch(developer);
                List<String> broken = check(server);
                out.println("check of " + BRANCH + ":\n" + String.join("\n", broken));
                commitEdit(developer, clone, FIXED, "Greet in version 2, and say it was reviewed");
                pushBranch(developer);
                List<String> fixed = check(server);
                out.println("check of " + BRANCH + " after the fix: " + (fixed.isEmpty() ? "clean" : fixed));

                List<ObjectChange> review = store.history().diff("main", BRANCH);
                for (ObjectChange c : review) {
                    out.println(c.kind() + " " + c.path());
                    c.details().forEach(d -> out.print(d.indent(2)));
                }

                developer.checkout().setName("main").call();
                developer.merge().include(developer.getRepository().resolve(BRANCH)).call();
                developer.push().setRemote("origin").add("main").call();
                String merged = developer.getRepository().resolve("main").name();

                store.reload();
                String after = runFlow(engine, console);
                out.print("deployed " + store.headCommit().orElseThrow() + " runs: " + after);
                return new Outcome(before, broken, fixed, review, merged, store.headCommit().orElseThrow(), after);
            }
        }
    }

    /** Runs the flow object as the engine's store shows it now; returns what it printed. */
    private static String runFlow(Kompira engine, StringBuilder console) throws InterruptedException, FlowCompileException {
        console.setLength(0);
        ProcessOutcome outcome = engine.start(FLOW, Map.of(), StartOptions.DEFAULT).await();
        if (!outcome.isDone()) {
            throw new IllegalStateException(FLOW + " ended " + outcome.state() + ": " + console);
        }
        return console.toString();
    }

    /** Edits the flow's source file in the developer's working tree and commits it. */
    private static void commitEdit(Git developer, Path clone, String source, String message) throws IOException, GitAPIException {
        Files.writeString(clone.resolve(FLOW_FILE), source, StandardCharsets.UTF_8);
        developer.add().addFilepattern(FLOW_FILE).call();
        developer.commit().setAuthor("Developer", "dev@example.com").setMessage(message).call();
    }

    private static void pushBranch(Git developer) throws GitAPIException {
        developer.push().setRemote("origin").add(BRANCH).call();
    }

    /** What the pull-request gate says about the branch: {@code kompira check --store DIR --ref BRANCH}. */
    private static List<String> check(Path server) {
        try (GitStore review = GitStore.open(server, GitStoreOptions.defaults().withBranch(BRANCH))) {
            return StoreCheck.run(review, ZONE).problems();
        }
    }

    /**
     * Entry point.
     *
     * @param args the folder to work in (created; it must not hold a repository yet)
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ReviewBeforeDeployExample WORKDIR");
        }
        Path work = Files.createDirectories(Path.of(args[0]));
        run(work, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }
}
