package dev.kompira.cli;

import dev.kompira.core.object.TreeInitializer;
import dev.kompira.store.git.GitStore;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kompira init --store DIR}: creates the standard tree (objects.md §1.3) in a Git repository. */
@Command(name = "init",
        mixinStandardHelpOptions = true,
        description = {"Creates the standard object tree, built-in types included, as the first commit of a Git store.",
                "DIR may be an existing repository (the tree goes to its branch) or a new folder (a repository is "
                        + "created). A store that already holds a tree is left as it is."})
final class InitCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!store.given()) {
            throw new UserError("init needs --store DIR");
        }
        try (GitStore git = store.open()) {
            if (!git.isEmpty()) {
                spec.commandLine().getOut().println(store.dir + " already holds a tree (commit "
                        + git.headCommit().orElse("?") + "); nothing to do");
                return 0;
            }
            TreeInitializer.initialise(git, ZoneId.systemDefault());
            int objects = git.read(tx -> tx.descendants(tx.root().id()).size() + 1);
            spec.commandLine().getOut().println("initialised " + store.dir + ": " + objects + " objects, commit "
                    + git.headCommit().orElse("?"));
            return 0;
        }
    }
}
