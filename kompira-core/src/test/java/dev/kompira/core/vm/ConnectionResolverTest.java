package dev.kompira.core.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.JobflowError;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.object.TreeInitializer;
import dev.kompira.core.store.MemoryStore;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.transport.Target;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Control variables, nodes and accounts become one connection target (objects.md §6.3). */
class ConnectionResolverTest {

    private final ObjectTree tree = tree();
    private final Map<String, Value> local = new HashMap<>();
    private final Map<String, Value> env = new HashMap<>();

    private static ObjectTree tree() {
        MemoryStore store = new MemoryStore();
        TreeInitializer.initialise(store, ZoneId.of("UTC"));
        return new ObjectTree(store, ZoneId.of("UTC"));
    }

    private ObjectValue add(String name, String type, Map<String, Value> fields) {
        StoredObject o = tree.write("add", tx -> tx.create(tx.root().id(), name,
                tx.get("/system/types/" + type).orElseThrow().id(), null, "root", Map.of()));
        tree.writeFields(o.id(), fields, "/");
        return new ObjectValue(tree, o.id(), o.path());
    }

    private ConnectionResolver.Resolved resolve() {
        return new ConnectionResolver(local, env, tree, "/").resolve();
    }

    @Test
    void withoutAHostCommandsRunLocallyThroughBash() {
        ConnectionResolver.Resolved r = resolve();
        assertEquals(Target.LOCAL.conntype(), r.target().conntype());
        assertEquals(null, r.target().host());
        assertEquals("/bin/bash", r.shell());
        assertTrue(r.useShell());
    }

    @Test
    void aNodeSuppliesHostPortShellAndItsAccountButVariablesWin() {
        ObjectValue account = add("ops", "AccountInfo", Map.of("user", StringValue.of("ops"), "password", StringValue.of("pw")));
        ObjectValue node = add("web01", "NodeInfo", Map.of("hostname", StringValue.of("web01.example"),
                "ipaddr", StringValue.of("10.0.0.5"), "port", IntegerValue.of(2222), "account", account,
                "shell", StringValue.of("/bin/sh"), "use_shell", BooleanValue.TRUE));
        local.put("__node__", node);
        Target t = resolve().target();
        assertEquals("ssh", t.conntype());
        assertEquals("10.0.0.5", t.host());
        assertEquals(2222, t.port());
        assertEquals("ops", t.user());
        assertEquals("pw", t.password());
        assertEquals("pw", t.passphrase(), "the password stands in for an empty passphrase");
        assertEquals("/bin/sh", resolve().shell());

        local.put("__host__", StringValue.of("override"));
        local.put("__user__", StringValue.of("root"));
        assertEquals("override", resolve().target().host());
        assertEquals("root", resolve().target().user());
    }

    @Test
    void aNodeCanBeAPathOrADictionaryAndEnvComesLast() {
        add("db01", "NodeInfo", Map.of("hostname", StringValue.of("db01.example")));
        local.put("__node__", StringValue.of("/db01"));
        assertEquals("db01.example", resolve().target().host());
        assertFalse(resolve().useShell(), "a node's use_shell defaults to false (objects.md §6.6)");

        DictionaryValue dict = new DictionaryValue();
        dict.put("hostname", StringValue.of("dict.example"));
        dict.put("conntype", StringValue.of("local"));
        local.put("__node__", dict);
        assertEquals("local", resolve().target().conntype());
        assertEquals(null, resolve().target().host());

        local.clear();
        env.put("__host__", StringValue.of("from-env"));
        assertEquals("from-env", resolve().target().host());
        local.put("__node__", NullValue.NULL);
        env.put("__node__", StringValue.of("/db01"));
        assertEquals("from-env", resolve().target().host(), "a local null node means none, not $ENV's");
    }

    @Test
    void wrongNodesAndRemoteTargetsWithoutAHostAreErrors() {
        ObjectValue account = add("acc", "AccountInfo", Map.of());
        local.put("__node__", account);
        assertThrows(JobflowError.class, this::resolve);
        local.put("__node__", IntegerValue.of(3));
        assertThrows(JobflowError.class, this::resolve);
        local.clear();
        local.put("__conntype__", StringValue.of("ssh"));
        JobflowError e = assertThrows(JobflowError.class, this::resolve);
        assertEquals("connection type 'ssh' needs a host (__host__ or __node__)", e.getMessage());
    }

    @Test
    void aProxyStringIsAJumpHostWithTheTargetsCredentials() {
        local.put("__host__", StringValue.of("db01"));
        local.put("__user__", StringValue.of("ops"));
        local.put("__password__", StringValue.of("pw"));
        local.put("__proxy__", StringValue.of("jumper@bastion.example:2022"));
        Target jump = resolve().target().proxy();
        assertEquals(new Target("ssh", "bastion.example", 2022, "jumper", "pw", null, "pw"), jump);
        local.put("__proxy__", StringValue.of("bastion.example"));
        assertEquals(new Target("ssh", "bastion.example", 0, "ops", "pw", null, "pw"), resolve().target().proxy());
        local.put("__proxy__", StringValue.of("@:22"));
        JobflowError bad = assertThrows(JobflowError.class, this::resolve);
        assertTrue(bad.getMessage().contains("names no host"), bad.getMessage());
    }

    @Test
    void aNodesProxyIsANodeWithItsOwnAccountAndItsOwnProxy() {
        ObjectValue outer = add("outer", "NodeInfo", Map.of("hostname", StringValue.of("outer.example")));
        ObjectValue keys = add("jumpkeys", "AccountInfo", Map.of("user", StringValue.of("jump"), "password", StringValue.of("jpw")));
        ObjectValue bastion = add("bastion", "NodeInfo", Map.of("hostname", StringValue.of("bastion.example"),
                "account", keys, "proxy", outer));
        ObjectValue db = add("db01", "NodeInfo", Map.of("hostname", StringValue.of("db01.example"), "proxy", bastion));
        local.put("__node__", db);
        local.put("__user__", StringValue.of("ops"));
        Target target = resolve().target();
        assertEquals("bastion.example", target.proxy().host());
        assertEquals("jump", target.proxy().user());
        assertEquals("jpw", target.proxy().password());
        assertEquals("outer.example", target.proxy().proxy().host());
        assertEquals("jump", target.proxy().proxy().user(), "a jump host without an account uses the credentials of the host behind it");
        assertEquals(null, target.proxy().proxy().proxy());
    }

    @Test
    void aLoopOfProxiesIsAControlError() {
        DictionaryValue loop = new DictionaryValue();
        loop.put("hostname", StringValue.of("a.example"));
        loop.put("proxy", loop);
        local.put("__host__", StringValue.of("db01"));
        local.put("__proxy__", loop);
        JobflowError error = assertThrows(JobflowError.class, this::resolve);
        assertTrue(error.getMessage().contains("more than 8 jump hosts"), error.getMessage());
    }
}
