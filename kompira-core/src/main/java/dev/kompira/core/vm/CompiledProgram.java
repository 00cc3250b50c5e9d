package dev.kompira.core.vm;

import dev.kompira.core.process.CompiledFlow;
import dev.kompira.dsl.ast.Connector;
import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.source.Span;
import java.util.List;
import java.util.Map;

/**
 * The engine's side of a {@link CompiledFlow}: a jobflow compiled once into immutable code that
 * every process running it shares (ARCHITECTURE.md §3). Code that frames refer to ({@link FlowCode}, {@link ForCode}, ...) is
 * numbered, so that a serialized frame can name its code and a recompiled flow finds it again.
 *
 * <p>Immutable and thread-safe.
 */
public final class CompiledProgram implements CompiledFlow {

    private final String name;
    private final String source;
    private final List<Parameter> parameters;
    private final FlowCode main;
    private final Map<String, Integer> jobflowSlots;
    private final List<Object> codes;
    private final List<Diagnostic> diagnostics;
    private final String directory;

    CompiledProgram(String name, String source, List<Parameter> parameters, FlowCode main, Map<String, Integer> jobflowSlots,
            List<Object> codes, List<Diagnostic> diagnostics, String directory) {
        this.directory = directory;
        this.name = name;
        this.source = source;
        this.parameters = List.copyOf(parameters);
        this.main = main;
        this.jobflowSlots = Map.copyOf(jobflowSlots);
        this.codes = List.copyOf(codes);
        this.diagnostics = List.copyOf(diagnostics);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String directory() {
        return directory;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<String> parameterNames() {
        return parameters.stream().map(Parameter::name).toList();
    }

    @Override
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * Returns {@code flow} as the engine's code.
     *
     * @throws IllegalArgumentException when {@code flow} was not compiled by this library
     */
    public static CompiledProgram of(CompiledFlow flow) {
        if (flow instanceof CompiledProgram program) {
            return program;
        }
        throw new IllegalArgumentException("only flows compiled by Kompira.compile can run, not a " + flow.getClass().getName());
    }

    List<Parameter> parameters() {
        return parameters;
    }

    FlowCode main() {
        return main;
    }

    int jobflowSlotCount() {
        return jobflowSlots.size();
    }

    Map<String, Integer> jobflowSlots() {
        return jobflowSlots;
    }

    /** Returns the code numbered {@code id}. */
    Object code(int id) {
        return codes.get(id);
    }

    /**
     * A declared parameter.
     *
     * @param name         its name
     * @param slot         its slot in the jobflow scope
     * @param defaultValue its default, or Java null when it is required
     * @param span         where it is declared
     */
    record Parameter(String name, int slot, Eval defaultValue, Span span) {
    }

    /**
     * A jobflow expression: {@code jobs[i]} is followed by {@code connectors[i]}.
     *
     * @param id         the code number
     * @param jobs       the jobs
     * @param connectors one fewer than the jobs
     */
    record FlowCode(int id, JobCode[] jobs, Connector[] connectors) {
    }

    /**
     * A {@code for} block's loop body.
     *
     * @param id   the code number
     * @param body the body, run in a scope binding the loop variable at slot 0
     */
    record ForCode(int id, FlowCode body) {
    }

    /**
     * A {@code while} block.
     *
     * @param id            the code number
     * @param condition     the condition
     * @param conditionSpan where the condition is written
     * @param body          the body
     */
    record WhileCode(int id, Eval condition, Span conditionSpan, FlowCode body) {
    }

    /**
     * A {@code fork} block: one child per branch.
     *
     * @param id       the code number
     * @param branches the branches
     * @param effects  whether a branch may have effects anywhere ({@link Effects#anywhere})
     */
    record ForkCode(int id, FlowCode[] branches, boolean effects) {
    }

    /**
     * A {@code pfor} block: its body, run by each child with the loop variable bound at slot 0 of a
     * new block scope.
     *
     * @param id      the code number
     * @param body    the body
     * @param effects whether the body may have effects anywhere ({@link Effects#anywhere})
     */
    record PforCode(int id, FlowCode body, boolean effects) {
    }

    /**
     * A {@code try} block.
     *
     * @param id   the code number
     * @param body the body
     */
    record TryCode(int id, FlowCode body) {
    }
}
