package dev.kompira.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies host keys against an OpenSSH known-hosts file for one connection attempt, and remembers
 * why it refused one, so that the login failure can say so with the key's fingerprint in OpenSSH's
 * form ({@code SHA256:...}). Under {@link HostKeyPolicy#ACCEPT_NEW} an unknown host is recorded in
 * the file; a changed key is never accepted. Used by one connection attempt at a time.
 */
final class KnownHosts extends OpenSSHKnownHosts {

    private final HostKeyPolicy policy;
    private String refusal;

    private KnownHosts(Path file, HostKeyPolicy policy) throws IOException {
        super(file.toFile());
        this.policy = policy;
    }

    /** Reads {@code file} (a missing file lists no host). */
    static KnownHosts read(Path file, HostKeyPolicy policy) throws IOException {
        return new KnownHosts(file, policy);
    }

    /** Why the last key was refused, or null. */
    String refusal() {
        return refusal;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (policy == HostKeyPolicy.REJECT_UNKNOWN) {
            refusal = "host key of " + hostname + " is unknown (" + KeyType.fromKey(key) + " " + fingerprint(key)
                    + "): not in " + khFile + "; add it (ssh-keyscan) or accept new hosts";
            return false;
        }
        try {
            Path file = khFile.toPath();
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
            entries().add(entry);
            write(entry);
            return true;
        } catch (IOException e) {
            refusal = "host key of " + hostname + " (" + fingerprint(key) + ") could not be recorded in " + khFile + ": " + e.getMessage();
            return false;
        }
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        refusal = "host key of " + hostname + " has CHANGED (now " + KeyType.fromKey(key) + " " + fingerprint(key)
                + "), it does not match " + khFile + ": someone may be intercepting the connection, or the host was "
                + "reinstalled; remove the old entry if the change is expected";
        return false;
    }

    /** The key's fingerprint as OpenSSH prints it: {@code SHA256:} and the unpadded Base64 of the key blob's digest. */
    static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
