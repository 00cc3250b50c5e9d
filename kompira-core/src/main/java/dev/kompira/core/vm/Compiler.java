package dev.kompira.core.vm;

import dev.kompira.dsl.ast.AssignmentJob;
import dev.kompira.dsl.ast.Binding;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.Link;
import dev.kompira.dsl.ast.Name;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.ast.TreeWalker;
import dev.kompira.dsl.ast.UpdateJob;
import dev.kompira.dsl.ast.Connector;
import dev.kompira.dsl.parser.ParseResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a checked syntax tree into a {@link CompiledProgram}. The jobflow scope gets a slot for
 * every parameter, every control variable and every name any job assigns, so that every name
 * resolves statically (language.md §6.1: assignment changes the innermost visible binding, else
 * creates a jobflow variable).
 */
public final class Compiler {

    private final List<Object> codes = new ArrayList<>();

    private Compiler() {
    }

    /**
     * Compiles {@code parsed}, which must have no errors (check {@link ParseResult#hasErrors()} first).
     *
     * @throws IllegalArgumentException when the parse result has errors
     */
    public static CompiledProgram compile(ParseResult parsed) {
        return compile(parsed, "/");
    }

    /**
     * Compiles {@code parsed}, whose relative object paths start from {@code directory}; it must
     * have no errors.
     *
     * @throws IllegalArgumentException when the parse result has errors
     */
    public static CompiledProgram compile(ParseResult parsed, String directory) {
        if (parsed.hasErrors()) {
            throw new IllegalArgumentException("cannot compile " + parsed.source().name() + ": it has compile errors");
        }
        return new Compiler().compileProgram(parsed, directory);
    }

    private CompiledProgram compileProgram(ParseResult parsed, String directory) {
        Program program = parsed.program();
        Map<String, Integer> slots = jobflowSlots(program);
        Lexical lexical = Lexical.jobflow(slots);
        List<CompiledProgram.Parameter> parameters = new ArrayList<>();
        for (Parameter p : program.parameters()) {
            Eval def = p.defaultValue() == null ? null : ExprCompiler.compile(p.defaultValue(), lexical);
            parameters.add(new CompiledProgram.Parameter(p.name(), slots.get(p.name()), def, p.span()));
        }
        CompiledProgram.FlowCode main = program.flow() == null ? null : flow(program.flow(), lexical);
        return new CompiledProgram(parsed.source().name(), parsed.source().text(), parameters, main, slots, codes,
                parsed.diagnostics(), directory);
    }

    private static Map<String, Integer> jobflowSlots(Program program) {
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (Parameter p : program.parameters()) {
            slots.putIfAbsent(p.name(), slots.size());
        }
        for (String control : ControlVariables.NAMES) {
            slots.putIfAbsent(control, slots.size());
        }
        if (program.flow() != null) {
            new TreeWalker() {
                @Override
                public Void visitAssignment(AssignmentJob job) {
                    for (Binding b : job.bindings()) {
                        slots.putIfAbsent(b.name(), slots.size());
                    }
                    return super.visitAssignment(job);
                }

                @Override
                public Void visitUpdate(UpdateJob job) {
                    if (job.target() instanceof Name n) {
                        slots.putIfAbsent(n.name(), slots.size());
                    }
                    return super.visitUpdate(job);
                }
            }.walk(program.flow());
        }
        return slots;
    }

    /** Compiles a jobflow expression as seen from {@code lexical}. */
    CompiledProgram.FlowCode flow(Flow flow, Lexical lexical) {
        JobCompiler jobs = new JobCompiler(this, lexical);
        List<JobCode> compiled = new ArrayList<>();
        List<Connector> connectors = new ArrayList<>();
        compiled.add(jobs.compile(flow.first()));
        for (Link link : flow.links()) {
            connectors.add(link.connector());
            compiled.add(jobs.compile(link.job()));
        }
        int id = codes.size();
        codes.add(null);
        CompiledProgram.FlowCode code = new CompiledProgram.FlowCode(id, compiled.toArray(new JobCode[0]),
                connectors.toArray(new Connector[0]));
        codes.set(id, code);
        return code;
    }

    /** Registers a code that frames refer to and returns it. */
    <T> T register(java.util.function.IntFunction<T> make) {
        int id = codes.size();
        codes.add(null);
        T code = make.apply(id);
        codes.set(id, code);
        return code;
    }
}
