package dev.kompira.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The log file of {@code kompira serve}: the SLF4J lines of the server, the engine and the libraries
 * at {@code level} and above, in a file that rolls over at 10 MiB and keeps 5 old ones ({@code
 * serve.log.1} the newest), so that it never fills the disk. Jetty's and Javalin's loggers stay at
 * INFO or above whatever the level: their DEBUG lines show request headers, and so tokens.
 * {@link #close()} detaches the file again. Not thread-safe: one serve command opens and closes it.
 */
final class ServeLog implements AutoCloseable {

    /** The size at which the file rolls over. */
    static final FileSize MAX_SIZE = FileSize.valueOf("10MB");
    /** How many rolled-over files are kept. */
    static final int KEEP = 5;
    /** The levels --log-level takes. */
    static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");
    /** Loggers kept at INFO or above: at DEBUG they write request headers, bearer tokens included. */
    private static final List<String> HEADER_LOGGERS = List.of("org.eclipse.jetty", "io.javalin");

    private final LoggerContext context;
    private final RollingFileAppender<ILoggingEvent> appender;

    private ServeLog(LoggerContext context, RollingFileAppender<ILoggingEvent> appender) {
        this.context = context;
        this.appender = appender;
    }

    /**
     * Logs to {@code file} (its folder made when missing) from {@code level} on; returns Java null
     * when SLF4J is not bound to Logback (the command embedded elsewhere), which then logs as it does.
     *
     * @throws UserError when the level is unknown or the file cannot be written
     */
    static ServeLog open(Path file, String level) {
        String name = level.toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(name)) {
            throw new UserError("--log-level must be one of " + String.join(", ", LEVELS) + ", got '" + level + "'");
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return null;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UserError("cannot make the folder of the log file " + file + ": " + e.getMessage(), e);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UserError("cannot write the log file " + file);
        }
        RollingFileAppender<ILoggingEvent> appender = appender(context, file);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level threshold = Level.toLevel(name);
        root.setLevel(threshold);
        for (String headers : HEADER_LOGGERS) {
            context.getLogger(headers).setLevel(threshold.isGreaterOrEqual(Level.INFO) ? null : Level.INFO);
        }
        root.addAppender(appender);
        return new ServeLog(context, appender);
    }

    private static RollingFileAppender<ILoggingEvent> appender(LoggerContext context, Path file) {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("kompira-serve");
        appender.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEEP);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(MAX_SIZE);
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36}: %msg%n");
        encoder.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new UserError("cannot write the log file " + file);
        }
        return appender;
    }

    /** Detaches and closes the file; every logger is off again. */
    @Override
    public void close() {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(Level.OFF);
        appender.stop();
    }
}
