package dev.kompira.dsl.builder;

import dev.kompira.dsl.ast.Expr;
import dev.kompira.dsl.ast.Flow;
import dev.kompira.dsl.ast.Parameter;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.format.Formatter;
import dev.kompira.dsl.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a jobflow program: parameter declarations and the jobflow expression. Start one with
 * {@link Flows#program()}. Not thread-safe.
 */
public final class ProgramBuilder {

    private final List<Parameter> parameters = new ArrayList<>();
    private Flow flow;

    ProgramBuilder() {
    }

    /** Declares a required parameter {@code | name |}. */
    public ProgramBuilder parameter(String name) {
        return parameter(name, null);
    }

    /** Declares a parameter with a default {@code | name = defaultValue |}; the default may use earlier parameters. */
    public ProgramBuilder parameter(String name, Expr defaultValue) {
        parameters.add(new Parameter(Exprs.identifier(name), defaultValue, Span.NONE));
        return this;
    }

    /** Sets the jobflow expression. */
    public ProgramBuilder body(Flow flow) {
        this.flow = flow;
        return this;
    }

    /** Sets the jobflow expression built by {@code flow}. */
    public ProgramBuilder body(FlowBuilder flow) {
        return body(flow.build());
    }

    /** Returns the program. */
    public Program build() {
        return new Program(parameters, flow, Span.NONE);
    }

    /** Returns the program's canonical source text ({@link Formatter}). */
    public String toSource() {
        return Formatter.format(build());
    }
}
