package dev.kompira.core.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this library, as the build wrote it into {@code version.properties}. Thread-safe. */
final class EngineVersion {

    private static final String TEXT = read();

    private EngineVersion() {
    }

    /** Returns the version, for example {@code 0.1.0-SNAPSHOT}. */
    static String text() {
        return TEXT;
    }

    private static String read() {
        try (InputStream in = EngineVersion.class.getResourceAsStream("/dev/kompira/core/version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the kompira-core jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
