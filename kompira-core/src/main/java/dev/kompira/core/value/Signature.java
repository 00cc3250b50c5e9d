package dev.kompira.core.value;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a built-in function, built-in job or value method, written as the
 * specification writes them: {@code Signature.parse("find(sub, start=null, end=null)")},
 * {@code "print(*values, delim=' ')"}, {@code "format(*args, **kwargs)"}. Defaults are literals:
 * {@code null}, {@code true}, {@code false}, integers, floats and single-quoted strings.
 *
 * <p>Binding follows builtins.md §1.2: by position in order (parameters after {@code *rest} only by
 * keyword), then by keyword; a missing required argument, a surplus positional argument, an
 * unknown keyword or an argument given twice is {@code R-ARGUMENT} with the message of language.md §14.3.
 * Immutable and thread-safe.
 */
public final class Signature {

    private final String name;
    private final List<String> parameters;
    private final Map<String, Value> defaults;
    private final int positionalCount;
    private final String rest;
    private final String restKeywords;

    private Signature(String name, List<String> parameters, Map<String, Value> defaults, int positionalCount,
            String rest, String restKeywords) {
        this.name = name;
        this.parameters = List.copyOf(parameters);
        this.defaults = defaults;
        this.positionalCount = positionalCount;
        this.rest = rest;
        this.restKeywords = restKeywords;
    }

    /** Parses a signature such as {@code "split(sep=null, maxsplit=-1)"}. */
    public static Signature parse(String text) {
        int open = text.indexOf('(');
        if (open < 0 || !text.endsWith(")")) {
            throw new IllegalArgumentException("not a signature: " + text);
        }
        String name = text.substring(0, open).trim();
        List<String> parameters = new ArrayList<>();
        Map<String, Value> defaults = new LinkedHashMap<>();
        int positionalCount = -1;
        String rest = null;
        String restKeywords = null;
        for (String raw : splitParameters(text.substring(open + 1, text.length() - 1))) {
            String p = raw.trim();
            if (p.startsWith("**")) {
                restKeywords = p.substring(2);
            } else if (p.startsWith("*")) {
                rest = p.substring(1);
                positionalCount = parameters.size();
            } else {
                int eq = p.indexOf('=');
                String param = eq < 0 ? p : p.substring(0, eq).trim();
                parameters.add(param);
                if (eq >= 0) {
                    defaults.put(param, literal(p.substring(eq + 1).trim()));
                }
            }
        }
        return new Signature(name, parameters, defaults, positionalCount < 0 ? parameters.size() : positionalCount, rest,
                restKeywords);
    }

    private static List<String> splitParameters(String list) {
        List<String> parts = new ArrayList<>();
        if (list.isBlank()) {
            return parts;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : list.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static Value literal(String text) {
        switch (text) {
            case "null":
                return NullValue.NULL;
            case "true":
                return BooleanValue.TRUE;
            case "false":
                return BooleanValue.FALSE;
            default:
                break;
        }
        if (text.startsWith("'") && text.endsWith("'")) {
            return StringValue.of(text.substring(1, text.length() - 1));
        }
        if (text.contains(".")) {
            return new FloatValue(Double.parseDouble(text));
        }
        return IntegerValue.of(Long.parseLong(text));
    }

    /** Returns the name used in error messages. */
    public String name() {
        return name;
    }

    /** Binds {@code arguments} to the parameters; an argument error is {@code R-ARGUMENT}. */
    public Bound bind(Arguments arguments) {
        Map<String, Value> values = new LinkedHashMap<>();
        List<Value> positional = arguments.positional();
        int direct = Math.min(positional.size(), positionalCount);
        for (int i = 0; i < direct; i++) {
            values.put(parameters.get(i), positional.get(i));
        }
        List<Value> restValues = new ArrayList<>();
        if (positional.size() > positionalCount) {
            if (rest == null) {
                throw argumentError("too many arguments");
            }
            restValues.addAll(positional.subList(positionalCount, positional.size()));
        }
        Map<String, Value> extraKeywords = new LinkedHashMap<>();
        for (Map.Entry<String, Value> kw : arguments.keywords().entrySet()) {
            String key = kw.getKey();
            if (parameters.contains(key)) {
                if (values.containsKey(key)) {
                    throw argumentError("got multiple values for '" + key + "'");
                }
                values.put(key, kw.getValue());
            } else if (restKeywords != null) {
                extraKeywords.put(key, kw.getValue());
            } else {
                throw argumentError("unexpected keyword argument '" + key + "'");
            }
        }
        for (String p : parameters) {
            if (!values.containsKey(p)) {
                Value d = defaults.get(p);
                if (d == null) {
                    throw argumentError("missing argument '" + p + "'");
                }
                values.put(p, d);
            }
        }
        return new Bound(name, values, restValues, extraKeywords);
    }

    private JobflowError argumentError(String detail) {
        return new JobflowError(ErrorCode.R_ARGUMENT, name + ": " + detail);
    }

    /**
     * Arguments bound to a signature.
     *
     * @param name          the signature's name, for messages
     * @param values        every named parameter with its value
     * @param rest          the values collected by {@code *rest}
     * @param restKeywords  the keywords collected by {@code **rest}
     */
    public record Bound(String name, Map<String, Value> values, List<Value> rest, Map<String, Value> restKeywords) {

        /** Returns the value of parameter {@code parameter}. */
        public Value get(String parameter) {
            Value v = values.get(parameter);
            if (v == null) {
                throw new IllegalArgumentException(name + " has no parameter " + parameter);
            }
            return v;
        }

        /** Returns whether {@code parameter} is null (given as null or defaulted to null). */
        public boolean isNull(String parameter) {
            return get(parameter) == NullValue.NULL;
        }

        /** Returns the failure of {@code name: detail} (a built-in's own message, {@code R-CALL-FAILED}). */
        public JobflowError fail(String detail) {
            return new JobflowError(ErrorCode.R_CALL_FAILED, name + ": " + detail);
        }
    }
}
