package dev.kompira.core.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import java.nio.charset.Charset;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encoding names of builtins.md §5.4 (D133) and strict encoding and decoding. */
class EncodingsTest {

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static JobflowError fails(ErrorCode code, Runnable action) {
        JobflowError e = assertThrows(JobflowError.class, action::run);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @ParameterizedTest
    @CsvSource({
        "utf-8, UTF-8", "utf8, UTF-8", "u8, UTF-8",
        "ascii, US-ASCII", "us-ascii, US-ASCII",
        "latin-1, ISO-8859-1", "latin1, ISO-8859-1", "iso-8859-1, ISO-8859-1", "l1, ISO-8859-1",
        "utf-16, UTF-16", "utf16, UTF-16", "utf-16-le, UTF-16LE", "utf-16-be, UTF-16BE",
        "utf-32, UTF-32", "utf32, UTF-32",
        "shift_jis, Shift_JIS", "sjis, Shift_JIS", "shiftjis, Shift_JIS", "s_jis, Shift_JIS",
        "cp932, windows-31j", "ms932, windows-31j", "windows-31j, windows-31j", "mskanji, windows-31j",
        "euc-jp, EUC-JP", "eucjp, EUC-JP", "ujis, EUC-JP",
        "iso-2022-jp, ISO-2022-JP", "csiso2022jp, ISO-2022-JP",
        "cp1252, windows-1252", "windows-1252, windows-1252",
        "gbk, GBK", "gb2312, GB2312", "gb18030, GB18030", "big5, Big5", "euc-kr, EUC-KR", "cp949, x-windows-949"
    })
    void tableOfNames(String name, String charset) {
        assertEquals(Optional.of(Charset.forName(charset)), Encodings.charset(name));
    }

    @ParameterizedTest
    @CsvSource({"UTF_8, UTF-8", "Shift-JIS, Shift_JIS", "LATIN_1, ISO-8859-1", "Windows_31J, windows-31j",
        "EUC_JP, EUC-JP", "UTF-16_LE, UTF-16LE"})
    void caseAndSeparatorsDoNotMatter(String name, String charset) {
        assertEquals(Optional.of(Charset.forName(charset)), Encodings.charset(name));
    }

    @Test
    void otherNamesGoToJava() {
        assertEquals(Optional.of(Charset.forName("KOI8-R")), Encodings.charset("koi8_r"));
        assertEquals(Optional.of(Charset.forName("UTF-16LE")), Encodings.charset("utf-16le"));
        assertEquals("f6", hex(Encodings.encode("Ж", "koi8-r")));
    }

    @Test
    void unknownNames() {
        assertTrue(Encodings.charset("no-such-encoding").isEmpty());
        assertTrue(Encodings.charset("bad name!").isEmpty());
        assertEquals("unknown encoding 'no-such-encoding'",
                fails(ErrorCode.R_VALUE, () -> Encodings.lookup("no-such-encoding")).getMessage());
        fails(ErrorCode.R_VALUE, () -> Encodings.decode(new byte[0], ""));
    }

    @Test
    void specExampleShiftJisAndCp932() {
        byte[] raw = Encodings.encode("データ", "shift_jis");
        assertEquals("8366815b835e", hex(raw));
        assertEquals("データ", Encodings.decode(raw, "cp932"));
    }

    @Test
    void unicodeForms() {
        assertEquals("feff00e9", hex(Encodings.encode("é", "utf-16")));
        assertEquals("e900", hex(Encodings.encode("é", "utf-16-le")));
        assertEquals("00e9", hex(Encodings.encode("é", "utf-16-be")));
        assertEquals("é", Encodings.decode(bytes("fffee900"), "utf-16"));
        assertEquals("😀", Encodings.decode(bytes("0001f600"), "utf-32"));
    }

    @Test
    void eastAsianEncodings() {
        assertEquals("c6fccbdc", hex(Encodings.encode("日本", "euc-jp")));
        assertEquals("1b2442467c4b5c1b2842", hex(Encodings.encode("日本", "iso-2022-jp")));
        assertEquals("日本", Encodings.decode(bytes("1b2442467c4b5c1b2842"), "iso-2022-jp"));
        assertEquals("c7d1", hex(Encodings.encode("한", "cp949")));
        assertEquals("d6d0", hex(Encodings.encode("中", "gbk")));
        assertEquals("80", hex(Encodings.encode("€", "cp1252")));
    }

    @Test
    void encodingIsStrict() {
        assertEquals("cannot encode with 'ascii': unmappable character U+00E9 at position 0",
                fails(ErrorCode.R_ENCODING, () -> Encodings.encode("é", "ascii")).getMessage());
        assertEquals("cannot encode with 'latin-1': unmappable character U+1F600 at position 1",
                fails(ErrorCode.R_ENCODING, () -> Encodings.encode("a😀é", "latin-1")).getMessage());
    }

    @Test
    void decodingIsStrict() {
        assertEquals("cannot decode with 'utf-8': invalid byte 0xff at position 1",
                fails(ErrorCode.R_ENCODING, () -> Encodings.decode(bytes("41ff"), "utf-8")).getMessage());
        assertEquals("cannot decode with 'UTF8': invalid bytes 0xe3 0x81 at position 1",
                fails(ErrorCode.R_ENCODING, () -> Encodings.decode(bytes("41e381"), "UTF8")).getMessage());
        assertEquals("cannot decode with 'ascii': invalid byte 0x80 at position 0",
                fails(ErrorCode.R_ENCODING, () -> Encodings.decode(bytes("80"), "ascii")).getMessage());
        fails(ErrorCode.R_ENCODING, () -> Encodings.decode(bytes("81"), "cp932"));
    }

    @Test
    void largeInputsGrowTheBuffers() {
        String text = "日本語".repeat(50_000);
        byte[] encoded = Encodings.encode(text, "iso-2022-jp");
        assertEquals(text, Encodings.decode(encoded, "iso-2022-jp"));
        assertArrayEquals(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Encodings.UTF_8.encode(text));
    }

    @Test
    void theGivenNameAppearsInMessages() {
        Encodings.Encoding encoding = Encodings.lookup("Latin_1");
        assertEquals("Latin_1", encoding.name());
        assertEquals(Charset.forName("ISO-8859-1"), encoding.charset());
        assertEquals("cannot encode with 'Latin_1': unmappable character U+3042 at position 0",
                fails(ErrorCode.R_ENCODING, () -> encoding.encode("あ")).getMessage());
    }
}
