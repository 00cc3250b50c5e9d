package dev.kompira.dsl.builder;

import static dev.kompira.dsl.builder.Exprs.*;
import static dev.kompira.dsl.builder.Flows.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.dsl.ast.AstEquivalence;
import dev.kompira.dsl.ast.BinaryOperator;
import dev.kompira.dsl.ast.PatternKind;
import dev.kompira.dsl.ast.Program;
import dev.kompira.dsl.ast.Unary;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import dev.kompira.dsl.testing.AstPrinter;
import org.junit.jupiter.api.Test;

class FlowsTest {

    /** The example in the Javadoc of {@link Flows}, verbatim. */
    @Test
    void javadocExampleGivesTheDocumentedSource() {
        String source = program()
                .parameter("hosts", array(str("web01"), str("web02")))
                .parameter("version", str("1.4.2"))
                .body(flow(forEach("h", var("hosts"),
                                flow(assign(bind("__host__", var("h"))))
                                        .then(command("systemctl is-active nginx"))
                                        .thenEvenIfFailed(ifThen(eq(status("STATUS"), integer(0)),
                                                        seq(print(str("$h is up"))))
                                                .orElse(seq(print(str("$h is down: $ERROR")))))
                                        .build()))
                        .then(fork(seq(command("deploy-web $version")),
                                   seq(command("deploy-db $version")))))
                .toSource();
        assertEquals(String.join("\n",
                "| hosts = ['web01', 'web02'] |",
                "| version = '1.4.2' |",
                "{ for h in hosts |",
                "    [__host__ = h] ->",
                "    ['systemctl is-active nginx'] =>",
                "    { if $STATUS == 0 |",
                "        then: print('$h is up')",
                "        else: print('$h is down: $ERROR')",
                "    }",
                "} ->",
                "{ fork |",
                "    ['deploy-web $version']",
                "    ['deploy-db $version']",
                "}",
                ""), source);
        assertFalse(JobflowParser.check("example.kjf", source).hasErrors());
    }

    /** A flow that uses every builder method yields exactly the tree the parser builds from its source. */
    @Test
    void buildsTheTreeTheParserBuilds() {
        String source = String.join("\n",
                "| node |",
                "| retries = 3 |",
                "[q = channel(), opts = {sep = '-'}, pairs = {'a': 1}] ->",
                "{ while retries > 0 and not (node in ['skip']) |",
                "    ['ping -c1 $node'] ->> [retries = retries - 1] =>> [] => continue -> break",
                "} ->",
                "{ case node |",
                "    g'web*', r'^db\\d+$'i: [q.send: node]",
                "    e'lb': <q ? 'x'> -> <q ?? r'^READY': 5> -> <q: timeout=1, peek_mode=true> -> <>",
                "    else: [node.name >> $RESULT.last] -> ['cat' << -1.5]",
                "} ->",
                "{ pfor h in [1, 2] | { a = h * 2 + 1, b = h / 3 % 2 | print(a, b, *[1], delim=',', **opts) } } ->",
                "{ choice |",
                "    <q: 1> -> print('got')",
                "    <> => print('nothing')",
                "} ->",
                "{ session s | [s.send: 'exit\\n'] } ->",
                "{ try | [x = int('1')] } ->",
                "{ if | print('r') } ->",
                "{ for k in ./ | [k] } ->",
                "{ if $STATUS =~ 0 | then: [] elif 1 <= $STATUS < 10: [] else: [] } ->",
                "{ [y = -(1 + 2), z = pattern('x', typ='g').match(string(b'\\x00'))] } ->",
                "[n = /.find(name='x')[0].children, m = length([]) >= 0 or null] ->",
                "[d = {}, e = 2.5, f = false, g = $ENV['HOME']] ->",
                "[./hosts.description: 'x']");
        ParseResult parsed = JobflowParser.parse("all.kjf", source);
        assertFalse(parsed.hasErrors(), parsed.renderDiagnostics());

        Program built = program()
                .parameter("node")
                .parameter("retries", integer(3))
                .body(flow(assign(bind("q", call("channel")), bind("opts", dict(bind("sep", str("-")))),
                                bind("pairs", dictOf(entry(str("a"), integer(1))))))
                        .then(whileLoop(and(gt(var("retries"), integer(0)), not(in(var("node"), array(str("skip"))))),
                                flow(command("ping -c1 $node"))
                                        .thenEvenIfUnreachable(assign(bind("retries", sub(var("retries"), integer(1)))))
                                        .thenRegardless(skip())
                                        .thenEvenIfFailed(continueLoop())
                                        .then(breakLoop())
                                        .build()))
                        .then(caseOf(var("node"))
                                .when(seq(exec(attr(var("q"), "send"), arg(var("node")))),
                                        glob("web*"), pattern(PatternKind.REGEX, "^db\\d+$", true))
                                .when(seq(eventIfHead(var("q"), str("x")),
                                                eventScanning(var("q"), regex("^READY"), arg(integer(5))),
                                                event(var("q"), kw("timeout", integer(1)), kw("peek_mode", bool(true))),
                                                immediateEvent()),
                                        exact("lb"))
                                .otherwise(seq(update(attr(var("node"), "name"), attr(status("RESULT"), "last")),
                                        execWithInput(str("cat"), number(-1.5)))))
                        .then(pfor("h", array(integer(1), integer(2)),
                                seq(block(seq(builtin("print", arg(var("a")), arg(var("b")), star(array(integer(1))),
                                                kw("delim", str(",")), doubleStar(var("opts")))),
                                        bind("a", add(mul(var("h"), integer(2)), integer(1))),
                                        bind("b", mod(div(var("h"), integer(3)), integer(2)))))))
                        .then(choice(flow(event(var("q"), arg(integer(1)))).then(print(str("got"))).build(),
                                flow(immediateEvent()).thenEvenIfFailed(print(str("nothing"))).build()))
                        .then(session("s", seq(exec(attr(var("s"), "send"), arg(str("exit\n"))))))
                        .then(tryBlock(seq(assign(bind("x", call("int", str("1")))))))
                        .then(ifResult(seq(print(str("r")))).build())
                        .then(forEach("k", path("./"), seq(exec(var("k")))))
                        .then(ifThen(matches(status("STATUS"), integer(0)), seq(skip()))
                                .elseIf(compare(integer(1), BinaryOperator.LE, status("STATUS"), BinaryOperator.LT, integer(10)), seq(skip()))
                                .orElse(seq(skip())))
                        .then(block(seq(assign(bind("y", neg(add(integer(1), integer(2)))),
                                bind("z", method(callWith("pattern", arg(str("x")), kw("typ", str("g"))), "match",
                                        call("string", bytes((byte) 0))))))))
                        .then(assign(bind("n", attr(index(methodWith(root(), "find", kw("name", str("x"))), integer(0)), "children")),
                                bind("m", or(ge(call("length", array()), integer(0)), nullValue()))))
                        .then(assign(bind("d", dict()), bind("e", number(2.5)), bind("f", bool(false)),
                                bind("g", index(status("ENV"), str("HOME")))))
                        .then(exec(attr(path("./hosts"), "description"), arg(str("x")))))
                .build();
        assertTrue(AstEquivalence.equivalent(parsed.program(), built),
                () -> "parsed:\n" + AstPrinter.print(parsed.program()) + "built:\n" + AstPrinter.print(built));
    }

    /** Every built-in job has a helper, block bodies may be FlowBuilders, and the status variables have names. */
    @Test
    void builtinJobHelpersAndBuilderBodiesGiveTheParsedTree() {
        String source = String.join("\n",
                "print() -> print(1, sep='-') -> sleep(0.5) -> sleep(n) ->",
                "{ for i in 3 | print(i) -> print($RESULT, $STATUS, $ERROR, $ENV) } ->",
                "{ pfor j in 2 | detach() -> suspend() } ->",
                "{ while false | self() } ->",
                "{ try | abort('x') -> assert(true) } ->",
                "{ if $STATUS == 0 | then: return() elif true: return(1, 2) else: exit(3) } ->",
                "{ case $RESULT | 'a': exit() else: [] } ->",
                "download(./f, '/tmp/') -> upload(from_path='f', to_object=./o, to_field='a') ->",
                "put('a', '/b') -> get('/b', 'a') -> reboot(wait=true) -> urlopen('http://x') -> mailto('a@b', 's', 'm')");
        ParseResult parsed = JobflowParser.parse("helpers.kjf", source);
        assertFalse(parsed.hasErrors(), parsed.renderDiagnostics());
        Program built = program().body(flow(print()).then(print(arg(integer(1)), kw("sep", str("-"))))
                .then(sleep(0.5)).then(sleep(var("n")))
                .then(forEach("i", integer(3), flow(print(var("i"))).then(print(result(), status(), error(), env()))))
                .then(pfor("j", integer(2), flow(detach()).then(suspend())))
                .then(whileLoop(bool(false), flow(self())))
                .then(tryBlock(flow(abort(str("x"))).then(assertJob(bool(true)))))
                .then(ifThen(eq(status(), integer(0)), flow(returnJob()))
                        .elseIf(bool(true), flow(returnJob(integer(1), integer(2))))
                        .orElse(flow(exit(integer(3)))))
                .then(caseOf(result()).when(flow(exit()), str("a")).otherwise(flow(skip())))
                .then(download(path("./f"), str("/tmp/")))
                .then(upload(kw("from_path", str("f")), kw("to_object", path("./o")), kw("to_field", str("a"))))
                .then(put(arg(str("a")), arg(str("/b")))).then(get(arg(str("/b")), arg(str("a"))))
                .then(reboot(kw("wait", bool(true)))).then(urlopen(arg(str("http://x"))))
                .then(mailto(arg(str("a@b")), arg(str("s")), arg(str("m")))))
                .build();
        assertTrue(AstEquivalence.equivalent(parsed.program(), built),
                () -> "parsed:\n" + AstPrinter.print(parsed.program()) + "built:\n" + AstPrinter.print(built));
    }

    @Test
    void printCallsWithEveryArgumentKind() {
        Program built = program().body(flow(print(var("a")))
                .then(builtin("print", star(var("xs")), kw("delim", str(",")), doubleStar(var("kw"))))).build();
        assertEquals("print(a) -> print(*xs, delim=',', **kw)\n",
                dev.kompira.dsl.format.Formatter.format(built));
    }

    @Test
    void negativeNumbersBecomeUnaryMinusAsInSource() {
        assertTrue(integer(-5) instanceof Unary);
        assertTrue(number(-0.0) instanceof Unary);
        assertEquals("| x = -5 |\n| y = -2.5 |\n", program().parameter("x", integer(-5)).parameter("y", number(-2.5)).toSource());
    }

    @Test
    void rejectsWhatNoSourceCouldSay() {
        assertThrows(IllegalArgumentException.class, () -> var("for"));
        assertThrows(IllegalArgumentException.class, () -> var("my-host"));
        assertThrows(IllegalArgumentException.class, () -> bind("2nd", integer(1)));
        assertThrows(IllegalArgumentException.class, () -> status("RESULTS"));
        assertThrows(IllegalArgumentException.class, () -> number(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> program().body(seq(assign(bind("p", regex("a\\"))))).toSource());
        assertThrows(IllegalArgumentException.class, () -> compare(integer(1), BinaryOperator.LT));
    }
}
