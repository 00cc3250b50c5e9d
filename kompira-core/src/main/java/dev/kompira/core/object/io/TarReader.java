package dev.kompira.core.object.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the entries of a tar archive, as GNU tar and bsdtar write them: POSIX ustar headers (name
 * and prefix), GNU long names ({@code L} records) and pax {@code path} records ({@code x}; global
 * {@code g} records are skipped). It reports every entry with its type and leaves it to the caller
 * to accept only files and folders. Names are read as UTF-8. Nothing is written anywhere; the data
 * of each entry is returned in memory. Used by one thread.
 *
 * <p>Bad input ends in {@link TarFormatException}: a header whose checksum does not match (which is
 * also what non-tar data gives), a size that is not an octal number or exceeds 2 GB, an archive that
 * ends inside an entry.
 */
final class TarReader {

    /** The tar block size: headers are one block, data is padded to whole blocks. */
    private static final int BLOCK = 512;
    /** The largest entry read into memory (the largest Java array, rounded down). */
    private static final long MAX_SIZE = Integer.MAX_VALUE - BLOCK;

    /**
     * Regular files: {@code 0}, the pre-POSIX NUL, and contiguous files {@code 7} (split in two
     * literals because {@code "\07"} would be one octal escape).
     */
    private static final String FILE_TYPES = "0\0" + "7";

    /** One entry: its name as written, its type flag and its data (empty for folders). */
    record Entry(String name, char type, byte[] data) {

        /** Returns whether the entry is a regular file. */
        boolean isFile() {
            return FILE_TYPES.indexOf(type) >= 0;
        }

        /** Returns whether the entry is a folder. */
        boolean isDirectory() {
            return type == '5';
        }

        /** Returns what the entry is, in words, for messages about entries that are neither. */
        String kind() {
            return switch (type) {
                case '1' -> "hard link";
                case '2' -> "symbolic link";
                case '3', '4' -> "device";
                case '6' -> "named pipe";
                default -> "entry of tar type '" + type + "'";
            };
        }
    }

    /** Tar data that cannot be read; the message says where and why. */
    static final class TarFormatException extends IOException {

        private static final long serialVersionUID = 1L;

        TarFormatException(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private int count;

    /** Reads from {@code in} (not closed: the caller owns it). */
    TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * Returns the next entry, or null at the end of the archive (a zero block, or the end of the
     * data at a block boundary).
     *
     * @throws TarFormatException when the data is not a tar archive or ends inside an entry
     */
    Entry next() throws IOException {
        String longName = null;
        String paxPath = null;
        while (true) {
            byte[] header = block();
            if (header == null || isZero(header)) {
                return null;
            }
            count++;
            checkSum(header);
            char type = (char) header[156];
            byte[] data = data(size(header));
            switch (type) {
                case 'L' -> longName = cString(data, 0, data.length);
                case 'x' -> paxPath = paxPath(data, paxPath);
                case 'g' -> {
                    // Global pax records set defaults (times, owners) that an import has no use for.
                }
                default -> {
                    String name = paxPath != null ? paxPath : longName != null ? longName : headerName(header);
                    return new Entry(name, type, data);
                }
            }
        }
    }

    /** The name of a ustar header: the prefix, when the header is POSIX ustar, then the name. */
    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean posix = Arrays.equals(header, 257, 263, "ustar\0".getBytes(StandardCharsets.US_ASCII), 0, 6);
        String prefix = posix ? cString(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The {@code path} of a pax extended header, or {@code previous} when it has none. */
    private String paxPath(byte[] records, String previous) throws TarFormatException {
        String path = previous;
        int at = 0;
        while (at < records.length) {
            int space = at;
            while (space < records.length && records[space] != ' ') {
                space++;
            }
            int length = parseDecimal(records, at, space);
            int end = at + length;
            if (end - 1 <= space || end > records.length || records[end - 1] != '\n') {
                throw new TarFormatException("entry " + count + ": a malformed pax record");
            }
            String record = new String(records, space + 1, end - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0 && record.substring(0, equals).equals("path")) {
                path = record.substring(equals + 1);
            }
            at = end;
        }
        return path;
    }

    private int parseDecimal(byte[] bytes, int from, int to) throws TarFormatException {
        if (to == from || to - from > 9) {
            throw new TarFormatException("entry " + count + ": a malformed pax record");
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                throw new TarFormatException("entry " + count + ": a malformed pax record");
            }
            value = value * 10 + bytes[i] - '0';
        }
        return value;
    }

    /**
     * Checks the header checksum: the sum of the header's bytes with the checksum field taken as
     * spaces, unsigned as POSIX says or signed as some old tars wrote it.
     */
    private void checkSum(byte[] header) throws TarFormatException {
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        long stored = octal(header, 148, 8, "checksum");
        if (stored != unsigned && stored != signed) {
            throw new TarFormatException("entry " + count + ": the header checksum does not match (not a tar archive?)");
        }
    }

    private long size(byte[] header) throws TarFormatException {
        long size = octal(header, 124, 12, "size");
        if (size > MAX_SIZE) {
            throw new TarFormatException("entry " + count + ": larger than the 2 GB an attachment may have");
        }
        return size;
    }

    /**
     * Reads an octal number field: leading spaces or NULs, octal digits, then a space or NUL (or the
     * end of the field). GNU's base-256 form (first byte with its top bit set) is only used for
     * sizes beyond 8 GB, so it is refused as too large.
     */
    private long octal(byte[] header, int offset, int length, String field) throws TarFormatException {
        if ((header[offset] & 0x80) != 0) {
            throw new TarFormatException("entry " + count + ": the " + field + " field is in base-256 form (larger than 2 GB)");
        }
        int at = offset;
        int end = offset + length;
        while (at < end && (header[at] == ' ' || header[at] == 0)) {
            at++;
        }
        long value = 0;
        int digits = 0;
        for (; at < end && header[at] >= '0' && header[at] <= '7'; at++, digits++) {
            value = value * 8 + header[at] - '0';
        }
        if (digits == 0 && field.equals("checksum") || at < end && header[at] != ' ' && header[at] != 0) {
            throw new TarFormatException("entry " + count + ": the " + field + " field is not an octal number (not a tar archive?)");
        }
        return value;
    }

    /** Reads {@code size} bytes of data and the padding to the next block. */
    private byte[] data(long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw truncated();
        }
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (in.readNBytes(padding).length < padding) {
            throw truncated();
        }
        return data;
    }

    /** Reads one header block; null at the end of the data. */
    private byte[] block() throws IOException {
        byte[] block = in.readNBytes(BLOCK);
        if (block.length == 0) {
            return null;
        }
        if (block.length < BLOCK) {
            throw new TarFormatException(count == 0 ? "too short to be a tar archive"
                    : "the archive ends inside the header of entry " + (count + 1));
        }
        return block;
    }

    private TarFormatException truncated() {
        return new TarFormatException("the archive ends inside entry " + count);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** The text of a NUL-terminated (or full-length) field, as UTF-8. */
    private static String cString(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
