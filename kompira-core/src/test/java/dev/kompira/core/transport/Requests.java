package dev.kompira.core.transport;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A mutable builder of {@link CommandRequest}s with the defaults of language.md §6.6, for tests. */
final class Requests {

    private final String command;
    private Target target = Target.LOCAL;
    private boolean useShell = true;
    private String shell = "/bin/bash";
    private String directory;
    private boolean sudo;
    private boolean usePty;
    private byte[] stdin = new byte[0];
    private Duration timeout;
    private Charset encoding = StandardCharsets.UTF_8;

    private Requests(String command) {
        this.command = command;
    }

    static Requests command(String command) {
        return new Requests(command);
    }

    Requests target(Target value) {
        target = value;
        return this;
    }

    Requests noShell() {
        useShell = false;
        return this;
    }

    Requests shell(String value) {
        shell = value;
        return this;
    }

    Requests directory(String value) {
        directory = value;
        return this;
    }

    Requests sudo() {
        sudo = true;
        return this;
    }

    Requests pty() {
        usePty = true;
        return this;
    }

    Requests stdin(byte[] value) {
        stdin = value;
        return this;
    }

    Requests stdin(String value) {
        return stdin(value.getBytes(encoding));
    }

    Requests timeout(Duration value) {
        timeout = value;
        return this;
    }

    CommandRequest build() {
        return new CommandRequest(target, command, useShell, shell, directory, sudo, usePty, true, stdin, timeout, encoding);
    }
}
