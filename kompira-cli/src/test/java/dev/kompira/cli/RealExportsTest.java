package dev.kompira.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Kompira exports shaped like those of a real Kompira 1.6 installation, run with {@code kompira run
 * --import}: they must run unchanged.
 */
class RealExportsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return KompiraCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private static Path export(String name) throws URISyntaxException {
        return Path.of(RealExportsTest.class.getResource("/exports/" + name).toURI());
    }

    @Test
    void aCalledFlowReadsItsOwnSiblingsThroughItsParameterDefaults() throws Exception {
        assertEquals(0, run("run", "--import", export("called-flow-defaults.json").toString(), "/main/g"), err.toString());
        assertEquals("hi from lib\n", out.toString());
    }

    @Test
    void aPythonLibraryOfAnExportRunsItsSource() throws Exception {
        assertEquals(0, run("run", "--import", export("python-library.json").toString(), "/test/library"), err.toString());
        assertEquals("['a', 'b', 'c']\n['x', 'y']\nRuntimeError: this library function always fails\n", out.toString());
    }
}
