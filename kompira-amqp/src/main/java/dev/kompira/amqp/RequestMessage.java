package dev.kompira.amqp;

import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.Target;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * A command request as it travels from the engine to a job manager, in JSON (docs/jobmanagers.md).
 *
 * @param id            the idempotency key: a job manager runs each id at most once
 * @param target        where to run
 * @param command       the command text
 * @param useShell      {@code __use_shell__}
 * @param shell         {@code __shell__}
 * @param directory     {@code __dir__}, or null
 * @param sudo          {@code __sudo__}
 * @param usePty        {@code __use_pty__}
 * @param useCache      {@code __use_cache__}
 * @param stdin         the standard input, already encoded (base64 in JSON)
 * @param timeoutMillis {@code __timeout__} in milliseconds, or null for none
 * @param encoding      the name of {@code __encoding__}'s charset
 * @param notAfter      epoch milliseconds after which no job manager may start the command (the engine
 *                      has given up waiting), or null
 */
record RequestMessage(String id, TargetMessage target, String command, boolean useShell, String shell, String directory,
        boolean sudo, boolean usePty, boolean useCache, byte[] stdin, Long timeoutMillis, String encoding, Long notAfter)
        implements WorkMessage {

    /** The message for {@code request}. */
    static RequestMessage of(String id, CommandRequest request, Long notAfter) {
        return new RequestMessage(id, TargetMessage.of(request.target()), request.command(), request.useShell(),
                request.shell(), request.directory(), request.sudo(), request.usePty(), request.useCache(), request.stdin(),
                request.timeout() == null ? null : request.timeout().toMillis(), request.encoding().name(), notAfter);
    }

    /** The request this message carries. */
    CommandRequest toRequest() {
        return new CommandRequest(target.toTarget(), command, useShell, shell, directory, sudo, usePty, useCache,
                stdin == null ? new byte[0] : stdin, timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis),
                Charset.forName(encoding));
    }

    /**
     * A target in a request. The secrets travel with it: use {@code amqps://} between machines.
     *
     * @param conntype   the connection type
     * @param host       the host, or null for the job manager's own machine
     * @param port       the port, 0 for the default
     * @param user       the login user, or null
     * @param password   the password, or null
     * @param keyfile    the private key file on the job manager's machine, or null
     * @param passphrase the key's passphrase, or null
     * @param proxy      the jump host, or null
     */
    record TargetMessage(String conntype, String host, int port, String user, String password, String keyfile,
            String passphrase, TargetMessage proxy) {

        static TargetMessage of(Target t) {
            return t == null ? null : new TargetMessage(t.conntype(), t.host(), t.port(), t.user(), t.password(), t.keyfile(),
                    t.passphrase(), of(t.proxy()));
        }

        Target toTarget() {
            return new Target(conntype, host, port, user, password, keyfile, passphrase, proxy == null ? null : proxy.toTarget());
        }

        /** Hides the secrets, which must never reach a log. */
        @Override
        public String toString() {
            return toTarget().toString();
        }
    }
}
