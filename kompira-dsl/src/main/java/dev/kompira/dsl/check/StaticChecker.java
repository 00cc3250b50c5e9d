package dev.kompira.dsl.check;

import dev.kompira.dsl.diag.Diagnostic;
import dev.kompira.dsl.diag.DiagnosticCollector;
import dev.kompira.dsl.parser.ParseResult;
import java.util.List;

/**
 * The compile-time checks of language.md §14.2 that run on a parsed tree: E-CONTROL, E-DUPPARAM,
 * E-DUPBINDING, E-DUPKEY, E-DUPARG always; E-UNDEFINED, E-UNKNOWNCALL and E-JOBINEXPR only on a
 * tree without syntax errors, because a job lost to a syntax error would make every variable it
 * assigns look undefined.
 */
public final class StaticChecker {

    private StaticChecker() {
    }

    /** Returns the diagnostics of the checks for {@code parsed}, in position order. */
    public static List<Diagnostic> check(ParseResult parsed) {
        DiagnosticCollector diagnostics = new DiagnosticCollector(parsed.source());
        new StructureCheck(diagnostics).walk(parsed.program());
        if (!parsed.hasErrors()) {
            new DefinednessCheck(diagnostics).check(parsed.program());
        }
        return diagnostics.sorted();
    }
}
