package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Binary methods of language.md §4.5. */
class BinaryMethodsTest {

    static BinaryValue b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            raw[k] = (byte) bytes[k];
        }
        return BinaryValue.of(raw);
    }

    static Value call(BinaryValue receiver, String method, Value... args) {
        return Members.call(receiver, method, Arguments.of(args));
    }

    static JobflowError fails(ErrorCode code, Runnable action) {
        JobflowError e = assertThrows(JobflowError.class, action::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void hexSpecExample() {
        assertEquals(StringValue.of("01ab"), call(b(0x01, 0xab), "hex"));
        assertEquals(StringValue.of(""), call(BinaryValue.EMPTY, "hex"));
    }

    @Test
    void specExampleEncodeAndBack() {
        Value raw = Members.call(StringValue.of("é"), "encode", Arguments.NONE);
        BinaryValue binary = (BinaryValue) raw;
        String printed = String.join(" ", Rendering.text(raw), Rendering.text(call(binary, "hex")),
                Rendering.text(call(binary, "decode")), Integer.toString(binary.length()),
                Rendering.text(Operators.add(raw, b('!'))));
        assertEquals("b'\\xc3\\xa9' c3a9 é 2 b'\\xc3\\xa9!'", printed);
    }

    @Test
    void decodeWithANamedEncoding() {
        assertEquals(StringValue.of("é"), call(b(0xe9), "decode", StringValue.of("latin-1")));
        Value keyword = Members.call(b(0xe9), "decode", new Arguments(List.of(), Map.of("encoding", StringValue.of("cp1252"))));
        assertEquals(StringValue.of("é"), keyword);
    }

    @Test
    void decodeFailures() {
        assertEquals("cannot decode with 'utf-8': invalid byte 0xe9 at position 0",
                fails(ErrorCode.R_ENCODING, () -> call(b(0xe9), "decode")).getMessage());
        assertEquals("unknown encoding 'klingon'",
                fails(ErrorCode.R_VALUE, () -> call(b(0x41), "decode", StringValue.of("klingon"))).getMessage());
        assertEquals("expected String, got Integer",
                fails(ErrorCode.R_TYPE, () -> call(b(0x41), "decode", IntegerValue.of(8))).getMessage());
    }

    @Test
    void onlyTwoMethods() {
        assertEquals("hex: too many arguments", fails(ErrorCode.R_ARGUMENT, () -> call(b(1), "hex", IntegerValue.ONE)).getMessage());
        assertEquals("Binary value has no attribute 'upper'",
                fails(ErrorCode.R_ATTRIBUTE, () -> Members.attribute(b(1), "upper")).getMessage());
        assertEquals(new MethodValue(b(1), "decode"), Members.attribute(b(1), "decode"));
    }
}
