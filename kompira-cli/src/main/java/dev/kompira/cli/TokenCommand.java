package dev.kompira.cli;

import dev.kompira.server.Role;
import dev.kompira.server.TokenInfo;
import dev.kompira.server.TokenStore;
import dev.kompira.store.git.GitStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kompira token create|list|revoke --store DIR}: the bearer tokens of {@code kompira serve}, kept
 * as salted hashes in the store's runtime folder ({@code <git dir>/kompira/tokens.json}, never committed).
 */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = "Makes, lists and revokes the API tokens of kompira serve (docs/server.md).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs {@code work} on the token file of {@code --store}; an unreadable or unwritable file is a user error. */
    static <T> T withTokens(StoreOption store, String command, Function<TokenStore, T> work) {
        store.require(command);
        try (GitStore git = store.open()) {
            return work.apply(TokenStore.of(git));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** {@code kompira token create --store DIR --role ROLE [--name NAME]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Makes a token and prints it on standard output, once: only its salted hash is kept."})
    static final class Create implements Callable<Integer> {

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer (reads), operator (also starts, suspends, resumes, terminates, sends), admin (also tokens).")
        String role;

        @Option(names = "--name", paramLabel = "NAME", description = "A unique name to list and revoke it by (default: ROLE-N).")
        String name;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Role parsed;
            try {
                parsed = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            String token = withTokens(store, "kompira token create", tokens -> {
                String chosen = name != null ? name : tokens.freeName(parsed);
                String secret = tokens.create(chosen, parsed);
                spec.commandLine().getErr().println("kompira: token '" + chosen + "' (" + parsed.label()
                        + ") made; it is shown this once: keep it now");
                return secret;
            });
            PrintWriter out = spec.commandLine().getOut();
            out.println(token);
            out.flush();
            return 0;
        }
    }

    /** {@code kompira token list --store DIR}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the tokens: name, role, when made.")
    static final class ListTokens implements Callable<Integer> {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<TokenInfo> tokens = withTokens(store, "kompira token list", TokenStore::list);
            int width = Math.max(4, tokens.stream().mapToInt(t -> t.name().length()).max().orElse(0));
            PrintWriter out = spec.commandLine().getOut();
            out.println(String.format("%-" + width + "s  %-8s  %s", "NAME", "ROLE", "CREATED"));
            for (TokenInfo t : tokens) {
                out.println(String.format("%-" + width + "s  %-8s  %s", t.name(), t.role().label(),
                        TIME.format(t.created().atZone(ZoneId.systemDefault()))));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code kompira token revoke --store DIR NAME}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Removes a token; a running server refuses it from its next request on.")
    static final class Revoke implements Callable<Integer> {

        @CommandLine.Mixin
        StoreOption store = new StoreOption();

        @Parameters(index = "0", paramLabel = "NAME", description = "The token's name, as kompira token list shows it.")
        String name;

        @Override
        public Integer call() {
            if (!withTokens(store, "kompira token revoke", tokens -> tokens.revoke(name))) {
                throw new UserError("no token named '" + name + "': kompira token list --store DIR shows them");
            }
            return 0;
        }
    }
}
