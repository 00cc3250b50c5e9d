package dev.kompira.cli;

import picocli.CommandLine;

/** Entry point of {@code kompira.jar}. */
public final class Main {

    private static final String SLF4J_PROVIDER = "slf4j.provider";
    private static final String JNA_PLATFORM_PATH = "jna.platform.library.path";

    private Main() {
    }

    /** Runs the {@code kompira} command and exits with its status. */
    public static void main(String[] args) {
        boolean serve = args.length > 0 && args[0].equals("serve");
        if (!serve && System.getProperty("logback.configurationFile") == null && System.getProperty(SLF4J_PROVIDER) == null) {
            // Only serve logs (to its file, ServeLog); every other command is silent anyway (QuietLogging),
            // and SLF4J's no-op provider spares it Logback's start-up (J265).
            System.setProperty(SLF4J_PROVIDER, "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN"); // else SLF4J reports the choice on standard error
        }
        if (System.getProperty(JNA_PLATFORM_PATH) == null) {
            // JNA would otherwise run /sbin/ldconfig -p to learn the library folders when it first loads a
            // library; the command loads only the C library, which JNA takes from the process itself (J271).
            System.setProperty(JNA_PLATFORM_PATH, "");
        }
        System.exit(KompiraCommand.commandLine(args).execute(args));
    }
}
