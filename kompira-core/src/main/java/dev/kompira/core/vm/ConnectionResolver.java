package dev.kompira.core.vm;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.transport.Target;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where control variables, a node and an account become a connection target
 * (objects.md §6.3, language.md D57/D58): explicit variables first, then the NodeInfo and
 * AccountInfo fields, then {@code $ENV}, then the defaults.
 */
final class ConnectionResolver {

    private static final List<String> NODE_FIELDS = List.of("hostname", "ipaddr", "port", "conntype", "shell",
            "use_shell", "proxy", "account");
    private static final List<String> ACCOUNT_FIELDS = List.of("user", "password", "keyfile", "passphrase");

    /**
     * The connection and how commands are wrapped.
     *
     * @param target   where the command runs
     * @param shell    the shell
     * @param useShell whether the command runs through the shell
     */
    record Resolved(Target target, String shell, boolean useShell) {
    }

    private final Map<String, Value> local;
    private final Map<String, Value> env;
    private final ObjectTree tree;
    private final String base;

    /**
     * Resolves from {@code local} (variables defined in scope; a {@code null} value means "none") and
     * {@code env} ({@code $ENV} entries), reading objects from {@code tree} relative to {@code base}.
     */
    ConnectionResolver(Map<String, Value> local, Map<String, Value> env, ObjectTree tree, String base) {
        this.local = local;
        this.env = env;
        this.tree = tree;
        this.base = base;
    }

    Resolved resolve() {
        Map<String, Value> node = fieldsOf(local.containsKey("__node__") ? local.get("__node__") : env.get("__node__"),
                "NodeInfo", NODE_FIELDS);
        Value accountSource = local.containsKey("__account__") ? local.get("__account__")
                : defined(node.get("account")) ? node.get("account") : env.get("__account__");
        Map<String, Value> account = fieldsOf(accountSource, "AccountInfo", ACCOUNT_FIELDS);
        String host = first(local.get("__host__"), node.get("ipaddr"), node.get("hostname"), env.get("__host__"));
        String conntype = first(local.get("__conntype__"), node.get("conntype"), env.get("__conntype__"));
        if (conntype == null) {
            conntype = host == null ? "local" : "ssh";
        }
        if (!conntype.equals("local") && host == null) {
            throw new JobflowError(ErrorCode.R_CONTROL, "connection type '" + conntype + "' needs a host (__host__ or __node__)");
        }
        String port = first(local.get("__port__"), node.get("port"), env.get("__port__"));
        String password = first(local.get("__password__"), account.get("password"), env.get("__password__"));
        Target target = new Target(conntype, conntype.equals("local") ? null : host, port == null ? 0 : parsePort(port),
                first(local.get("__user__"), account.get("user"), env.get("__user__")), password,
                first(local.get("__keyfile__"), account.get("keyfile"), env.get("__keyfile__")),
                firstOr(password, local.get("__passphrase__"), account.get("passphrase"), env.get("__passphrase__")));
        String shell = first(local.get("__shell__"), node.get("shell"), env.get("__shell__"));
        return new Resolved(target, shell == null ? "/bin/bash" : shell, useShell(node));
    }

    /** {@code use_shell} (objects.md §6.6): the variable, else the node's field, else {@code $ENV}, else true. */
    private boolean useShell(Map<String, Value> node) {
        if (local.containsKey("__use_shell__") && local.get("__use_shell__") != NullValue.NULL) {
            return local.get("__use_shell__").truthy();
        }
        if (!node.isEmpty() && node.containsKey("use_shell")) {
            return node.get("use_shell").truthy();
        }
        Value fromEnv = env.get("__use_shell__");
        return fromEnv == null || fromEnv.truthy() && !Rendering.text(fromEnv).equalsIgnoreCase("false");
    }

    private static int parsePort(String port) {
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new JobflowError(ErrorCode.R_CONTROL, "__port__ must be an Integer, got '" + port + "'");
        }
    }

    /** The fields of a NodeInfo or AccountInfo given as an Object, its path or a Dictionary; empty for none. */
    private Map<String, Value> fieldsOf(Value v, String type, List<String> names) {
        Map<String, Value> fields = new HashMap<>();
        if (!defined(v)) {
            return fields;
        }
        if (v instanceof DictionaryValue d) {
            for (String name : names) {
                Value field = d.get(name);
                if (field != null) {
                    fields.put(name, field);
                }
            }
            return fields;
        }
        StoredObject o;
        if (v instanceof ObjectValue object) {
            o = object.stored();
        } else if (v instanceof StringValue path) {
            o = tree.require(path.value(), base);
        } else {
            throw wrongType(type, v.typeName());
        }
        if (!tree.typeName(o).equals(type)) {
            throw wrongType(type, o.path() + " (a " + tree.typeName(o) + ")");
        }
        for (String name : names) {
            fields.put(name, tree.readField(o, name));
        }
        return fields;
    }

    private static JobflowError wrongType(String type, String got) {
        String variable = type.equals("NodeInfo") ? "__node__" : "__account__";
        return new JobflowError(ErrorCode.R_CONTROL, variable + " must be a " + type + " object, its path or a Dictionary, got " + got);
    }

    private static boolean defined(Value v) {
        return v != null && v != NullValue.NULL && !(v instanceof StringValue s && s.value().isEmpty());
    }

    /** Returns the text of the first candidate that is set and not empty, or Java null. */
    private static String first(Value... candidates) {
        for (Value v : candidates) {
            if (defined(v)) {
                return Rendering.text(v);
            }
        }
        return null;
    }

    private static String firstOr(String otherwise, Value... candidates) {
        String found = first(candidates);
        return found != null ? found : otherwise;
    }
}
