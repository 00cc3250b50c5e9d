package dev.kompira.core.object.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    private static List<List<String>> read(String text) {
        return Csv.read(new StringReader(text));
    }

    @Test
    void readsPlainRecordsWithAnyLineEnd() {
        assertEquals(List.of(List.of("a", "b"), List.of("1", "2"), List.of("3", "4")), read("a,b\r\n1,2\n3,4"));
        assertEquals(List.of(List.of("a"), List.of("b")), read("a\rb\r"));
    }

    @Test
    void readsQuotedFieldsWithSeparatorsQuotesAndLineBreaks() {
        assertEquals(List.of(List.of("x,y", "say \"hi\"", "two\r\nlines", "")), read("\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\",\"\"\r\n"));
    }

    @Test
    void keepsEmptyFieldsAndSkipsBlankLines() {
        assertEquals(List.of(List.of("a", "", ""), List.of("b", "c", "d")), read("a,,\r\n\r\nb,c,d\r\n\n"));
        assertEquals(List.of(List.of("")), read("\"\"\n"), "a quoted empty field is a record");
    }

    @Test
    void dropsAByteOrderMarkAndKeepsQuotesInsideUnquotedFields() {
        assertEquals(List.of(List.of("name", "5\" disk")), read("\uFEFFname,5\" disk"));
    }

    @Test
    void reportsUnclosedQuotesAndTextAfterAClosingQuote() {
        assertEquals("row 2: a quoted field is not closed",
                assertThrows(Csv.CsvException.class, () -> read("a\n\"open,b\n")).getMessage());
        assertEquals("row 1: a closing quote must be followed by ',' or a line break",
                assertThrows(Csv.CsvException.class, () -> read("\"a\"b,c")).getMessage());
    }

    @Test
    void writesQuotingOnlyWhatNeedsItAndReadsItBack() {
        List<String> record = List.of("plain", "a,b", "q\"q", "line\nbreak", "", " spaced ");
        StringWriter out = new StringWriter();
        Csv.write(out, record);
        assertEquals("plain,\"a,b\",\"q\"\"q\",\"line\nbreak\",, spaced \r\n", out.toString());
        assertEquals(List.of(record), read(out.toString()));
    }
}
