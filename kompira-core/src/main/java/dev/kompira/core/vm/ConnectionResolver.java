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
    /** The most jump hosts one connection goes through; more is taken for a loop of NodeInfo proxies. */
    private static final int MAX_JUMPS = 8;

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
                "NodeInfo", NODE_FIELDS, "__node__");
        Value accountSource = local.containsKey("__account__") ? local.get("__account__")
                : defined(node.get("account")) ? node.get("account") : env.get("__account__");
        Map<String, Value> account = fieldsOf(accountSource, "AccountInfo", ACCOUNT_FIELDS, "__account__");
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
        if (!conntype.equals("local")) {
            Value proxy = local.containsKey("__proxy__") ? local.get("__proxy__")
                    : defined(node.get("proxy")) ? node.get("proxy") : env.get("__proxy__");
            target = target.withProxy(jumpHost(proxy, target, 1));
        }
        String shell = first(local.get("__shell__"), node.get("shell"), env.get("__shell__"));
        return new Resolved(target, shell == null ? "/bin/bash" : shell, useShell(node));
    }

    /**
     * The jump host {@code proxy} names (docs/decisions.md, SSH transport): a String {@code [user@]host[:port]}, or a NodeInfo
     * (Object or Dictionary) with its own account and, recursively, its own proxy. A jump host logs in
     * with its own account when it has one, else with the credentials of {@code behind}.
     */
    private Target jumpHost(Value proxy, Target behind, int hops) {
        if (!defined(proxy)) {
            return null;
        }
        if (hops > MAX_JUMPS) {
            throw new JobflowError(ErrorCode.R_CONTROL, "__proxy__ leads through more than " + MAX_JUMPS + " jump hosts (a loop?)");
        }
        if (proxy instanceof StringValue spec && !spec.value().startsWith("/")) {
            return hostSpec(spec.value(), behind);
        }
        Map<String, Value> node = fieldsOf(proxy, "NodeInfo", NODE_FIELDS, "__proxy__");
        String host = first(node.get("ipaddr"), node.get("hostname"));
        if (host == null) {
            throw new JobflowError(ErrorCode.R_CONTROL, "__proxy__ names a node without ipaddr or hostname");
        }
        String port = first(node.get("port"));
        Map<String, Value> account = fieldsOf(node.get("account"), "AccountInfo", ACCOUNT_FIELDS, "__proxy__ account");
        Target jump = account.isEmpty()
                ? new Target("ssh", host, port == null ? 0 : parsePort(port), behind.user(), behind.password(), behind.keyfile(), behind.passphrase())
                : new Target("ssh", host, port == null ? 0 : parsePort(port), first(account.get("user")), first(account.get("password")),
                        first(account.get("keyfile")), firstOr(first(account.get("password")), account.get("passphrase")));
        return jump.withProxy(jumpHost(node.get("proxy"), jump, hops + 1));
    }

    /** A jump host written {@code [user@]host[:port]}, logging in with the credentials of {@code behind}. */
    private static Target hostSpec(String spec, Target behind) {
        int at = spec.lastIndexOf('@');
        String user = at < 0 ? behind.user() : spec.substring(0, at);
        String hostPort = spec.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon >= 0 && hostPort.indexOf(':') == colon;
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        if (host.isEmpty()) {
            throw new JobflowError(ErrorCode.R_CONTROL, "__proxy__ '" + spec + "' names no host; write [user@]host[:port]");
        }
        return new Target("ssh", host, hasPort ? parsePort(hostPort.substring(colon + 1)) : 0, user, behind.password(),
                behind.keyfile(), behind.passphrase());
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
    private Map<String, Value> fieldsOf(Value v, String type, List<String> names, String variable) {
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
            throw wrongType(variable, type, v.typeName());
        }
        if (!tree.typeName(o).equals(type)) {
            throw wrongType(variable, type, o.path() + " (a " + tree.typeName(o) + ")");
        }
        for (String name : names) {
            fields.put(name, tree.readField(o, name));
        }
        return fields;
    }

    private static JobflowError wrongType(String variable, String type, String got) {
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
