package dev.kompira.core.object.io;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader and writer (no CSV library is a dependency of kompira-core).
 *
 * <p>Reading: fields separated by {@code ,}; records by CRLF, LF or CR; a field that starts with
 * {@code "} is quoted, may contain separators and line breaks, and writes a quote as {@code ""};
 * a quote inside an unquoted field is kept as it is (spreadsheets write such files); a UTF-8 byte
 * order mark at the start is dropped; blank lines are skipped; the last record needs no line break.
 * Writing quotes exactly the fields that need it and ends every record with CRLF.
 */
final class Csv {

    private Csv() {
    }

    /** A record that cannot be read; the message names its row (1 = the first record). */
    static final class CsvException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CsvException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Reads every record of {@code in}.
     *
     * @throws CsvException when a quoted field is not closed or a closing quote is followed by
     *                      something other than a separator or a line break
     */
    static List<List<String>> read(Reader in) {
        String text = slurp(in);
        Parser parser = new Parser(text.startsWith("\uFEFF") ? text.substring(1) : text);
        List<List<String>> records = new ArrayList<>();
        while (!parser.atEnd()) {
            List<String> record = parser.record(records.size() + 1);
            if (!(record.size() == 1 && record.get(0).isEmpty() && !parser.lastWasQuoted)) {
                records.add(record);
            }
        }
        return records;
    }

    /** Writes one record ending in CRLF. */
    static void write(Writer out, List<String> record) {
        try {
            for (int i = 0; i < record.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quoted(record.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code field} quoted when it contains a separator, a quote or a line break. */
    static String quoted(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    private static String slurp(Reader in) {
        try {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cursor over the text. */
    private static final class Parser {

        private final String text;
        private int at;
        /** Whether the last field read was quoted: {@code ""} alone on a line is a record, a blank line is not. */
        boolean lastWasQuoted;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        /** Reads one record and the line break after it. */
        List<String> record(int row) {
            List<String> fields = new ArrayList<>();
            while (true) {
                fields.add(field(row));
                if (atEnd()) {
                    return fields;
                }
                char c = text.charAt(at++);
                if (c == '\r') {
                    if (!atEnd() && text.charAt(at) == '\n') {
                        at++;
                    }
                    return fields;
                }
                if (c == '\n') {
                    return fields;
                }
            }
        }

        /** Reads one field, leaving the cursor on the separator or line break after it. */
        private String field(int row) {
            lastWasQuoted = !atEnd() && text.charAt(at) == '"';
            if (lastWasQuoted) {
                return quotedField(row);
            }
            int start = at;
            while (!atEnd() && text.charAt(at) != ',' && text.charAt(at) != '\r' && text.charAt(at) != '\n') {
                at++;
            }
            return text.substring(start, at);
        }

        private String quotedField(int row) {
            StringBuilder field = new StringBuilder();
            at++;
            while (true) {
                if (atEnd()) {
                    throw new CsvException("row " + row + ": a quoted field is not closed");
                }
                char c = text.charAt(at++);
                if (c != '"') {
                    field.append(c);
                } else if (!atEnd() && text.charAt(at) == '"') {
                    field.append('"');
                    at++;
                } else {
                    break;
                }
            }
            if (!atEnd() && ",\r\n".indexOf(text.charAt(at)) < 0) {
                throw new CsvException("row " + row + ": a closing quote must be followed by ',' or a line break");
            }
            return field.toString();
        }
    }
}
