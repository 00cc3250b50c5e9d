package dev.kompira.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * How the {@code kompira} command configures Logback, found by Logback's ServiceLoader before its
 * own configurators: every logger off and no appender, so that no command writes a log line on the
 * terminal (the command reports problems in its own words) and no configuration file is looked for
 * or parsed at start-up. {@code kompira serve} then logs to a file ({@link ServeLog}). A
 * {@code -Dlogback.configurationFile} given to the JVM still wins. Thread-safe (Logback calls it once).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class QuietLogging extends ContextAwareBase implements Configurator {

    /** Made by Logback's ServiceLoader. */
    public QuietLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
