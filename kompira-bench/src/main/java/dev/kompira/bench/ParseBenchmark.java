package dev.kompira.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kompira.dsl.parser.JobflowParser;
import dev.kompira.dsl.parser.ParseResult;
import dev.kompira.dsl.source.SourceText;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses a generated 1 MB jobflow, and Jackson parses a JSON document of the same size into a tree:
 * the reference for what a well-built parser does with the same bytes on the same machine.
 * {@link ParserThroughput} runs both and reports MB/s and their ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ParseBenchmark {

    /** The size of both inputs, in characters (all but a few are ASCII, so about as many bytes). */
    public static final int SIZE = 1 << 20;

    private SourceText jobflow;
    private String json;
    private ObjectMapper mapper;

    /** Builds the inputs once; they are not part of the measurement. */
    @Setup(Level.Trial)
    public void setUp() {
        jobflow = new SourceText("benchmark.kjf", BenchmarkInputs.jobflow(SIZE));
        json = BenchmarkInputs.json(SIZE);
        mapper = new ObjectMapper();
    }

    /** Lexes and parses the jobflow into its syntax tree with every diagnostic. */
    @Benchmark
    public ParseResult parseJobflow() {
        return JobflowParser.parse(jobflow);
    }

    /** Parses the JSON document into a Jackson tree. */
    @Benchmark
    public JsonNode parseJson() throws IOException {
        return mapper.readTree(json);
    }
}
