package dev.kompira.cli;

import dev.kompira.store.git.GitStore;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kompira revert --store DIR REV}: undoes one commit with a new commit. */
@Command(name = "revert",
        mixinStandardHelpOptions = true,
        description = "Undoes the commit REV on the store's branch with a new commit, unless a later commit changed the same files.")
final class RevertCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Parameters(index = "0", paramLabel = "REV", description = "The commit to revert.")
    String rev;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        store.require("revert");
        try (GitStore git = store.open()) {
            String commit = store.history(git, h -> h.revert(rev));
            spec.commandLine().getOut().println("reverted " + rev + " with commit " + commit);
            return 0;
        }
    }
}
