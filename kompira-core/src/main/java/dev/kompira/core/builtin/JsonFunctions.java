package dev.kompira.core.builtin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.json.PythonJsonLayout;
import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.BinaryValue;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.DateValue;
import dev.kompira.core.value.DatetimeValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.ExternalValue;
import dev.kompira.core.value.FloatValue;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.TimeValue;
import dev.kompira.core.value.TimedeltaValue;
import dev.kompira.core.value.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in functions {@code json_parse} and {@code json_dump} (builtins.md §4, §5.5, D130,
 * D134), on Jackson's streaming parser and generator. The generator is configured to produce
 * Python's {@code json.dumps} layout exactly: {@code ", "} and {@code ": "} on one line, {@code ","}
 * and a new line per element with an indent, lower-case <code>&#92;u00XX</code> escapes, {@code /} not
 * escaped. The static methods {@link #parse} and {@link #dump} serve other built-ins that speak
 * JSON. Stateless and thread-safe.
 */
public final class JsonFunctions {

    /** Deepest nesting of Arrays and Dictionaries that is read or written (Python's recursion limit is similar). */
    static final int MAX_DEPTH = 1000;

    /** Jackson's factories, made when JSON is first used: loading Jackson is a large part of an engine's start. */
    private static final class Factories {
        static final JsonFactory LENIENT = factory(true);
        static final JsonFactory STRICT = factory(false);
        static final JsonFactory ASCII_WRITER = new JsonFactoryBuilder()
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                .build();
        static final JsonFactory UNICODE_WRITER = new JsonFactoryBuilder()
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .build();
    }
    /** The non-numeric Floats that Python's {@code json} accepts (Jackson would also take {@code +INF} and others). */
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");
    /** Where Jackson's messages turn from the input to Jackson itself: the rest is cut off. */
    private static final List<String> JACKSON_NOTES = List.of(" (start marker at", " (not recognized as one since",
            "\n");
    private static final String NESTING_DETAIL = "maximum nesting depth (" + MAX_DEPTH + ") exceeded";
    /** External values that D134 writes as their text form (a path or a name); other externals are rejected. */
    private static final Set<String> TEXT_EXTERNALS = Set.of("Object", "Process", "Schedule", "User", "Group");

    private JsonFunctions() {
    }

    /** Adds this family's functions to {@code catalogue}. */
    static void register(Map<String, BuiltinFunction> catalogue) {
        catalogue.put("json_parse", BuiltinFunction.of("json_parse(data, strict=false)",
                (arguments, context) -> jsonParse(arguments)));
        catalogue.put("json_dump", BuiltinFunction.of("json_dump(obj, ensure_ascii=true, indent=null)",
                (arguments, context) -> jsonDump(arguments)));
    }

    private static JsonFactory factory(boolean allowControlCharacters) {
        // Python's json has no length limits, so Jackson's defensive ones are lifted; nesting keeps one
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNumberLength(Integer.MAX_VALUE)
                .maxStringLength(Integer.MAX_VALUE)
                .maxNameLength(Integer.MAX_VALUE)
                .maxNestingDepth(MAX_DEPTH)
                .build();
        JsonFactoryBuilder builder = new JsonFactoryBuilder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
                .streamReadConstraints(limits);
        if (allowControlCharacters) {
            builder.enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS);
        }
        return builder.build();
    }

    // ---- json_parse ----------------------------------------------------------------------------

    private static Value jsonParse(Signature.Bound arguments) {
        Value data = arguments.get("data");
        String text;
        if (data instanceof StringValue s) {
            text = s.value();
        } else if (data instanceof BinaryValue b) {
            text = decodeUtf8(b.bytes(), arguments);
        } else {
            throw arguments.fail("data must be a String or Binary");
        }
        return parse(text, arguments.get("strict").truthy());
    }

    /** Decodes a Binary as UTF-8 (D130); a leading byte order mark is skipped, as Python does for bytes. */
    private static String decodeUtf8(byte[] bytes, Signature.Bound arguments) {
        int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
                    .toString();
        } catch (CharacterCodingException e) {
            throw arguments.fail("data is not valid UTF-8");
        }
    }

    /**
     * Parses JSON text into values (builtins.md §5.5). With {@code strict}, control characters
     * inside strings are rejected. A syntax error is {@code R-CALL-FAILED}
     * {@code json_parse: <detail> at line L column C}.
     */
    public static Value parse(String text, boolean strict) {
        JsonParser parser;
        try {
            parser = (strict ? Factories.STRICT : Factories.LENIENT).createParser(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (parser) {
            if (parser.nextToken() == null) {
                throw parseError("expecting value", parser.currentLocation());
            }
            Value value = read(parser);
            if (parser.nextToken() != null) {
                throw parseError("extra data", parser.currentTokenLocation());
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
            throw parseError(jacksonDetail(e), location);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does no I/O
        }
    }

    /** Reads the value whose first token is the parser's current token. */
    private static Value read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_ARRAY:
                ArrayValue array = new ArrayValue();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.items().add(read(parser));
                }
                return array;
            case START_OBJECT:
                DictionaryValue dict = new DictionaryValue();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    // a repeated key replaces the value and keeps its first position
                    dict.put(key, read(parser));
                }
                return dict;
            case VALUE_STRING:
                return StringValue.of(parser.getText());
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? IntegerValue.of(parser.getBigIntegerValue()) : IntegerValue.of(parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                if (parser.isNaN() && !NON_FINITE.contains(parser.getText())) {
                    throw parseError("invalid number '" + parser.getText() + "'", parser.currentTokenLocation());
                }
                return new FloatValue(parser.getDoubleValue());
            case VALUE_TRUE:
                return BooleanValue.TRUE;
            case VALUE_FALSE:
                return BooleanValue.FALSE;
            case VALUE_NULL:
                return NullValue.NULL;
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    /**
     * Returns Jackson's message without its location and without the notes that describe Jackson's
     * own options rather than the input.
     */
    private static String jacksonDetail(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return NESTING_DETAIL; // the only limit left in force
        }
        String message = e.getOriginalMessage();
        for (String note : JACKSON_NOTES) {
            int at = message.indexOf(note);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message.replace(" (or 'NaN'/'+INF'/'-INF')", "");
    }

    private static JobflowError parseError(String detail, JsonLocation location) {
        return new JobflowError(ErrorCode.R_CALL_FAILED, "json_parse: " + detail + " at line " + location.getLineNr()
                + " column " + location.getColumnNr());
    }

    // ---- json_dump -----------------------------------------------------------------------------

    private static Value jsonDump(Signature.Bound arguments) {
        return StringValue.of(dump(arguments.get("obj"), arguments.get("ensure_ascii").truthy(),
                indentUnit(arguments)));
    }

    /** Returns the text of one indentation level, or {@code null} for the one-line layout. */
    private static String indentUnit(Signature.Bound arguments) {
        Value indent = arguments.get("indent");
        if (indent instanceof NullValue) {
            return null;
        }
        if (indent instanceof StringValue s) {
            return s.value();
        }
        if (indent instanceof IntegerValue i) {
            if (i.signum() <= 0) {
                return "";
            }
            if (!i.fitsInt()) {
                throw arguments.fail("indent too large");
            }
            return " ".repeat((int) i.longValue());
        }
        throw arguments.fail("indent must be an Integer, a String or null");
    }

    /**
     * Serialises {@code value} to JSON text (builtins.md §5.5, D134). {@code indent} is the text of
     * one level ({@code null}: everything on one line). A value that JSON cannot hold is
     * {@code R-CALL-FAILED} with the {@code json_dump: } message of builtins.md.
     */
    public static String dump(Value value, boolean ensureAscii, String indent) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = (ensureAscii ? Factories.ASCII_WRITER : Factories.UNICODE_WRITER).createGenerator(out)) {
            if (ensureAscii) {
                generator.setCharacterEscapes(AsciiEscapes.INSTANCE);
            }
            generator.setPrettyPrinter(new PythonJsonLayout(indent));
            new Writer(generator).write(value, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does no I/O
        }
        return out.toString();
    }

    private static JobflowError dumpError(String detail) {
        return new JobflowError(ErrorCode.R_CALL_FAILED, "json_dump: " + detail);
    }

    /** Walks a value and feeds the generator, detecting cycles by identity. */
    private static final class Writer {

        private final JsonGenerator generator;
        private final Map<Value, Boolean> open = new IdentityHashMap<>();

        Writer(JsonGenerator generator) {
            this.generator = generator;
        }

        void write(Value value, int depth) throws IOException {
            if (value instanceof NullValue) {
                generator.writeNull();
            } else if (value instanceof BooleanValue b) {
                generator.writeBoolean(b.truthy());
            } else if (value instanceof IntegerValue i) {
                writeInteger(i);
            } else if (value instanceof FloatValue f) {
                generator.writeNumber(floatText(f.value()));
            } else if (value instanceof StringValue s) {
                generator.writeString(s.value());
            } else if (value instanceof ArrayValue a) {
                writeArray(a, depth);
            } else if (value instanceof DictionaryValue d) {
                writeDictionary(d, depth);
            } else {
                generator.writeString(textOf(value));
            }
        }

        private void writeInteger(IntegerValue i) throws IOException {
            if (i.fitsLong()) {
                generator.writeNumber(i.longValue());
            } else {
                generator.writeNumber(i.bigValue());
            }
        }

        private void writeArray(ArrayValue array, int depth) throws IOException {
            enter(array, depth);
            generator.writeStartArray();
            for (Value item : array.snapshot()) {
                write(item, depth + 1);
            }
            generator.writeEndArray();
            open.remove(array);
        }

        private void writeDictionary(DictionaryValue dict, int depth) throws IOException {
            enter(dict, depth);
            generator.writeStartObject();
            for (Map.Entry<Value, Value> entry : dict.entries()) {
                generator.writeFieldName(keyText(entry.getKey()));
                write(entry.getValue(), depth + 1);
            }
            generator.writeEndObject();
            open.remove(dict);
        }

        private void enter(Value container, int depth) {
            if (open.put(container, Boolean.TRUE) != null) {
                throw dumpError("circular reference detected");
            }
            if (depth >= MAX_DEPTH) {
                throw dumpError(NESTING_DETAIL);
            }
        }
    }

    /** Floats as their text form (L§5.3), with JavaScript's names for the non-finite ones (D134). */
    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Rendering.formatFloat(d);
    }

    /** The text of a Dictionary key (D134): Strings as they are, numbers, Booleans and null by text form. */
    private static String keyText(Value key) {
        if (key instanceof StringValue || key instanceof IntegerValue || key instanceof FloatValue
                || key instanceof BooleanValue || key instanceof NullValue) {
            return Rendering.text(key);
        }
        throw dumpError("keys must be String, Integer, Float, Boolean or null");
    }

    /** The JSON string that stands for a value JSON lacks (D134), or a failure when there is none. */
    private static String textOf(Value value) {
        if (value instanceof DatetimeValue d) {
            return isoDatetime(d.value());
        }
        if (value instanceof DateValue d) {
            return String.format("%04d-%02d-%02d", d.value().getYear(), d.value().getMonthValue(),
                    d.value().getDayOfMonth());
        }
        if (value instanceof TimeValue t) {
            return isoTime(t.value());
        }
        if (value instanceof TimedeltaValue t) {
            return isoDuration(t);
        }
        if (value instanceof ExternalValue e && TEXT_EXTERNALS.contains(e.typeName())) {
            return e.text();
        }
        throw dumpError("Object of type " + value.typeName() + " is not JSON serializable");
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.mmm]±HH:MM}, {@code Z} for UTC. */
    private static String isoDatetime(ZonedDateTime value) {
        int offset = value.getOffset().getTotalSeconds();
        String zone;
        if (offset == 0) {
            zone = "Z";
        } else {
            int abs = Math.abs(offset);
            zone = String.format("%s%02d:%02d", offset < 0 ? "-" : "+", abs / 3600, abs / 60 % 60)
                    + (abs % 60 == 0 ? "" : String.format(":%02d", abs % 60));
        }
        return String.format("%04d-%02d-%02dT", value.getYear(), value.getMonthValue(), value.getDayOfMonth())
                + isoTime(value.toLocalTime()) + zone;
    }

    /** {@code HH:MM:SS[.mmm]}: milliseconds only when they are non-zero, microseconds truncated. */
    private static String isoTime(LocalTime t) {
        String base = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int millis = t.getNano() / 1_000_000;
        return millis == 0 ? base : base + String.format(".%03d", millis);
    }

    /** {@code [-]P<d>DT<hh>H<mm>M<ss>[.ffffff]S} of the magnitude, as Django's {@code duration_iso_string}. */
    private static String isoDuration(TimedeltaValue t) {
        BigInteger total = t.totalMicros();
        String sign = total.signum() < 0 ? "-" : "";
        BigInteger[] daysAndMicros = total.abs().divideAndRemainder(BigInteger.valueOf(TimedeltaValue.MICROS_PER_DAY));
        long micros = daysAndMicros[1].longValue();
        long seconds = micros / 1_000_000;
        long fraction = micros % 1_000_000;
        return sign + "P" + daysAndMicros[0] + "DT" + String.format("%02dH%02dM%02d", seconds / 3600,
                seconds / 60 % 60, seconds % 60) + (fraction == 0 ? "" : String.format(".%06d", fraction)) + "S";
    }


    /**
     * Jackson's standard escapes plus DEL (U+007F): Python's {@code ensure_ascii} escapes every code
     * point above U+007E, while Jackson's {@code ESCAPE_NON_ASCII} starts at U+0080.
     */
    private static final class AsciiEscapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;
        static final AsciiEscapes INSTANCE = new AsciiEscapes();

        private final int[] codes;

        private AsciiEscapes() {
            codes = standardAsciiEscapesForJSON();
            codes[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
