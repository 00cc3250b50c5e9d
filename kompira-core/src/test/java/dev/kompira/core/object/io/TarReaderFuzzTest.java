package dev.kompira.core.object.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Coverage-guided fuzzing of the tar reader: any bytes either read as entries or end in
 * {@link TarReader.TarFormatException}; any other exception (an index out of bounds, a negative
 * array size) is a bug. A normal build replays the seeds in {@code TarReaderFuzzTestInputs/read/}
 * (archives GNU tar made); {@code JAZZER_FUZZ=1} starts a session (docs/testing.md).
 */
class TarReaderFuzzTest {

    @FuzzTest
    void read(byte[] data) throws Exception {
        TarReader reader = new TarReader(new ByteArrayInputStream(data));
        try {
            while (reader.next() != null) {
                // every entry is read to the end of the archive
            }
        } catch (TarReader.TarFormatException expected) {
            // bad input is reported as such
        }
    }
}
