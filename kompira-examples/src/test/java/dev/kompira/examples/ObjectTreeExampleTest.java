package dev.kompira.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ObjectTreeExampleTest {

    @Test
    void theObjectTreeExampleBuildsReadsChangesAndDeletesItsObjects() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ObjectTreeExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(String.join("\n",
                "/demo/web01 (NodeInfo) port 2222, account /demo/deploy",
                "hello world 2222",
                "/demo/flows/broken: field 'source' does not compile:",
                "/demo/flows/broken:1:8: error: syntax error: unexpected end of input; expected ',' or ')'",
                "print(1",
                "       ^",
                "/demo/flows (Directory) {orderBy=, pageSize=25}",
                "/demo/web1 (NodeInfo) {nodetype=null, conntype=, hostname=web01.example, ipaddr=, port=2222, shell=, "
                        + "use_shell=false, proxy=null, account=/demo/flows/deploy}",
                "/demo/env (Environment) {environment={LANG=C}}",
                ""), bytes.toString(StandardCharsets.UTF_8));
    }
}
