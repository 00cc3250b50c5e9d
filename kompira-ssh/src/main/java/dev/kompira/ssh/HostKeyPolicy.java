package dev.kompira.ssh;

/** What to do with a host whose key the known-hosts file does not list. A changed key is always rejected. */
public enum HostKeyPolicy {
    /** Reject it, showing its fingerprint (OpenSSH's {@code StrictHostKeyChecking yes}). */
    REJECT_UNKNOWN,
    /** Accept it and record it in the known-hosts file, for first contact ({@code StrictHostKeyChecking accept-new}). */
    ACCEPT_NEW
}
