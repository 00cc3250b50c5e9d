package dev.kompira.core.builtin;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.value.PatternValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.ast.PatternKind;
import java.util.Map;

/** The built-in function {@code pattern} (builtins.md §4): builds a Pattern from a String at run time. */
final class PatternFunctions {

    private PatternFunctions() {
    }

    /** Adds this family's functions to {@code catalogue}. */
    static void register(Map<String, BuiltinFunction> catalogue) {
        catalogue.put("pattern", BuiltinFunction.of("pattern(pattern, typ='r', mode='')",
                (arguments, context) -> pattern(arguments)));
    }

    /**
     * {@code pattern(pattern, typ='r', mode='')}: no {@code ${}} substitution happens, the text is
     * used as is. The checks run in the order of the parameters.
     */
    private static Value pattern(Signature.Bound arguments) {
        if (!(arguments.get("pattern") instanceof StringValue text)) {
            throw arguments.fail("pattern must be a String");
        }
        Value typ = arguments.get("typ");
        PatternKind kind = typ instanceof StringValue s && s.value().length() == 1
                ? PatternKind.ofPrefix(s.value().charAt(0)) : null;
        if (kind == null) {
            throw arguments.fail("invalid type '" + Rendering.text(typ) + "'");
        }
        Value mode = arguments.get("mode");
        if (!(mode instanceof StringValue m) || !(m.value().isEmpty() || m.value().equals("i"))) {
            throw arguments.fail("invalid mode '" + Rendering.text(mode) + "'");
        }
        try {
            return PatternValue.of(kind, text.value(), !m.value().isEmpty());
        } catch (JobflowError e) {
            if (e.code() == ErrorCode.R_REGEX) {
                throw arguments.fail(e.getMessage());
            }
            throw e;
        }
    }
}
