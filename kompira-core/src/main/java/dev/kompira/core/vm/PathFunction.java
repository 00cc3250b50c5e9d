package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in {@code path(str_or_obj, *args)} (builtins.md, D126): joins Strings and Objects with
 * {@code /}, normalises, resolves relative paths against the calling jobflow's directory.
 */
final class PathFunction {

    private static final Signature PATH = Signature.parse("path(str_or_obj, *args)");

    private PathFunction() {
    }

    static Value call(Arguments arguments, ObjectTree tree, String directory) {
        Arguments normalised = arguments.keywords().containsKey("path") && arguments.positional().isEmpty()
                ? new Arguments(List.of(arguments.keywords().get("path")), java.util.Map.of()) : arguments;
        Signature.Bound bound = PATH.bind(normalised);
        List<String> pieces = new ArrayList<>();
        piece(bound.get("str_or_obj"), pieces, bound, true);
        for (Value more : bound.rest()) {
            piece(more, pieces, bound, false);
        }
        String joined = String.join("/", pieces);
        String absolute = ObjectPaths.resolve(joined, directory);
        try {
            return tree.get(absolute).map(o -> (Value) new ObjectValue(tree, o.id(), o.path()))
                    .orElseThrow(() -> bound.fail("object not found: " + absolute));
        } catch (JobflowError e) {
            throw e.code() == ErrorCode.R_CALL_FAILED ? e : bound.fail(e.getMessage());
        }
    }

    private static void piece(Value v, List<String> pieces, Signature.Bound bound, boolean first) {
        if (v instanceof StringValue s) {
            pieces.add(first ? s.value() : s.value().replaceFirst("^/+", ""));
        } else if (v instanceof ObjectValue o) {
            pieces.add(o.text());
        } else if (first && v instanceof ArrayValue a) {
            for (Value item : a.items()) {
                piece(item, pieces, bound, pieces.isEmpty());
            }
        } else {
            throw bound.fail("expected a String or an Object, got " + v.typeName());
        }
    }
}
