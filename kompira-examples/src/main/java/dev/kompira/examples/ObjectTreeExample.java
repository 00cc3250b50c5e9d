package dev.kompira.examples;

import dev.kompira.core.FlowCompileException;
import dev.kompira.core.Kompira;
import dev.kompira.core.object.ObjectManager;
import dev.kompira.core.object.ObjectView;
import dev.kompira.core.object.WriteRefusedException;
import dev.kompira.core.process.StartOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Builds, reads and changes objects of the engine's tree from Java, by path and with plain Java
 * values, as docs/embedding.md ("The object tree from Java") shows. Run it with
 * {@code java -cp ... dev.kompira.examples.ObjectTreeExample}.
 */
public final class ObjectTreeExample {

    private ObjectTreeExample() {
    }

    /** Runs the example, printing to {@code out}. */
    public static void run(PrintStream out) throws FlowCompileException, InterruptedException {
        try (Kompira kompira = Kompira.builder().console((pid, text) -> out.print(text)).build()) {
            ObjectManager objects = kompira.objects();

            objects.batch("add the demo", b -> {                   // one transaction: all or nothing
                b.createDirectories("/demo/flows");                // as mkdir -p
                b.createAccount("/demo/deploy", "ops", "s3cret");
                b.createNode("/demo/web01", "web01.example", Map.of("port", 22, "account", "/demo/deploy"));
                b.createJobflow("/demo/flows/hello", "| who = 'world' |\nprint('hello', who, /demo/web01.port)");
                b.create("/demo/env", "Environment", Map.of("environment", Map.of("LANG", "C")));
            });

            objects.setField("/demo/web01", "port", "2222");         // stored as the Integer 2222
            ObjectView web01 = objects.get("/demo/web01");
            long port = web01.javaField("port", Long.class);         // 2222
            String account = web01.text("account");                  // "/demo/deploy"
            out.println(web01 + " port " + port + ", account " + account);
            kompira.start("/demo/flows/hello", Map.of(), StartOptions.DEFAULT).await();   // hello world 2222

            try {
                objects.createJobflow("/demo/flows/broken", "print(1");
            } catch (WriteRefusedException refused) {
                out.println(refused.getMessage());   // /demo/flows/broken: field 'source' does not compile:
            }                                        // /demo/flows/broken:1:8: error: ... (source line, caret)
            objects.createJobflowDraft("/demo/flows/wip", "print(1");   // kept; starting it throws FlowCompileException

            objects.rename("/demo/web01", "web1");
            objects.move("/demo/deploy", "/demo/flows/deploy");      // web1's account field follows it
            for (ObjectView o : objects.list("/demo")) {
                out.println(o + " " + o.javaFields());               // /demo/flows (Directory) {orderBy=, pageSize=25} ...
            }
            objects.deleteRecursively("/demo");                      // delete() refuses a container that is not empty
        }
    }

    /**
     * Entry point.
     *
     * @param args none
     */
    public static void main(String[] args) throws Exception {
        run(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }
}
