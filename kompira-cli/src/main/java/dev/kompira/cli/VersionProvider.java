package dev.kompira.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = KompiraCommand.class.getPackage().getImplementationVersion();
        return new String[] {"kompira " + (version != null ? version : "(development build)")};
    }
}
