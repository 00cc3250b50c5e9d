package dev.kompira.cli;

import dev.kompira.store.git.GitHistory;
import dev.kompira.store.git.GitStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kompira log --store DIR [PATH]}: the commits that changed an object, newest first. */
@Command(name = "log",
        mixinStandardHelpOptions = true,
        description = "Lists the commits of a Git store that changed the object at PATH (or anything below it), newest first.")
final class LogCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StoreOption store = new StoreOption();

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The object (default: every commit).")
    String path;

    @Option(names = {"-n", "--max-count"}, paramLabel = "N", description = "Show at most N commits (default 100).")
    int limit = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        store.require("log");
        PrintWriter out = spec.commandLine().getOut();
        try (GitStore git = store.open()) {
            for (GitHistory.Commit c : store.history(git, h -> h.log(path, limit))) {
                out.println(c.id().substring(0, 10) + " " + c.time() + " " + c.author());
                c.message().lines().forEach(line -> out.println("    " + line));
            }
            out.flush();
            return 0;
        }
    }
}
