package dev.kompira.cli;

import picocli.CommandLine;

/** Entry point of {@code kompira.jar}. */
public final class Main {

    private Main() {
    }

    /** Runs the {@code kompira} command and exits with its status. */
    public static void main(String[] args) {
        System.exit(KompiraCommand.commandLine(args).execute(args));
    }
}
