package dev.kompira.dsl.parser;

import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.check.StaticChecker;
import dev.kompira.dsl.diag.DiagnosticCollector;
import dev.kompira.dsl.format.Formatter;
import dev.kompira.dsl.lexer.Lexer;
import dev.kompira.dsl.source.SourceText;
import java.util.List;

/**
 * The entry point of the jobflow front end.
 *
 * <pre>{@code
 * ParseResult result = JobflowParser.check(new SourceText("deploy.kjf", text));
 * if (result.hasErrors()) {
 *     System.err.print(result.renderDiagnostics());
 * } else {
 *     Program program = result.program();
 * }
 * }</pre>
 *
 * <p>Neither method throws for bad input: every problem becomes a diagnostic. Both are thread-safe
 * (each call uses its own state).
 */
public final class JobflowParser {

    private JobflowParser() {
    }

    /**
     * Parses {@code source}: lexical and syntax errors only (language.md §2, §3, plus the size,
     * nesting and jobs-per-expression limits of §13).
     */
    public static ParseResult parse(SourceText source) {
        DiagnosticCollector diagnostics = new DiagnosticCollector(source);
        Lexer lexer = new Lexer(diagnostics);
        ParseContext ctx = new ParseContext(new TokenStream(lexer), diagnostics);
        Program program = new FlowParser(ctx).program();
        return new ParseResult(source, program, lexer.comments(), diagnostics.sorted());
    }

    /** Parses {@code text}, naming it {@code name} in diagnostics. */
    public static ParseResult parse(String name, String text) {
        return parse(new SourceText(name, text));
    }

    /**
     * Parses {@code source} and runs every compile-time check of language.md §14.2 on the result, so
     * that the diagnostics are exactly those that stop a jobflow from being started.
     */
    public static ParseResult check(SourceText source) {
        ParseResult parsed = parse(source);
        return parsed.withDiagnostics(StaticChecker.check(parsed));
    }

    /** Checks {@code text}, naming it {@code name} in diagnostics. */
    public static ParseResult check(String name, String text) {
        return check(new SourceText(name, text));
    }

    /**
     * Runs every compile-time check of language.md §14.2 on a program built in Java (for example with
     * {@link dev.kompira.dsl.builder.Flows}), naming it {@code name}. Its source text is its canonical
     * form ({@link dev.kompira.dsl.format.Formatter}); built nodes have no positions, so diagnostics
     * name the program without a line.
     */
    public static ParseResult check(String name, Program program) {
        ParseResult built = new ParseResult(new SourceText(name, Formatter.format(program)), program, List.of(), List.of());
        return built.withDiagnostics(StaticChecker.check(built));
    }
}
