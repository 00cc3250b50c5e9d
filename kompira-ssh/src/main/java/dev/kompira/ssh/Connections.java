package dev.kompira.ssh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * The connection cache: logged-in connections per {@link Endpoint}, each shared by up to
 * {@link SshOptions#sessionsPerConnection()} commands, at most {@link SshOptions#connectionsPerHost()}
 * of them (more commands wait for a slot), closed when idle for
 * {@link SshOptions#idleTimeout()} or when the cache closes. Thread-safe: the bookkeeping is
 * guarded by this object's monitor; connecting and logging in happen outside it.
 */
final class Connections implements AutoCloseable {

    /** One logged-in connection and how many commands use it. */
    static final class Connection {
        final Endpoint endpoint;
        final SSHClient client;
        /** The jump host's connection this one tunnels through, held until this one closes; or null. */
        private final Connection via;
        private int active;
        private long idleSince = System.nanoTime();

        private Connection(Endpoint endpoint, SSHClient client, Connection via) {
            this.endpoint = endpoint;
            this.client = client;
            this.via = via;
        }
    }

    private static final DefaultConfig CONFIG = new DefaultConfig();

    private final SshOptions options;
    private final Map<Endpoint, List<Connection>> cached = new HashMap<>();
    /** Connections being opened per endpoint, counted against the per-host bound. */
    private final Map<Endpoint, Integer> connecting = new HashMap<>();
    private final ScheduledFuture<?> reaper;
    private boolean closed;

    Connections(SshOptions options, ScheduledExecutorService timer) {
        this.options = options;
        long period = Math.max(100, options.idleTimeout().toMillis() / 2);
        this.reaper = timer.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Returns a connection to {@code endpoint} with a slot reserved for one command: a cached one
     * with a free slot, else a new one (cached too when {@code cache}). Give it back with {@link #release}.
     */
    Connection acquire(Endpoint endpoint, boolean cache) throws LoginFailure {
        if (cache) {
            Connection shared = shareOrReserve(endpoint);
            if (shared != null) {
                return shared;
            }
        }
        Connection fresh;
        try {
            fresh = login(endpoint, cache);
        } catch (LoginFailure | RuntimeException e) {
            if (cache) {
                settle(endpoint, null);
            }
            throw e;
        }
        fresh.active = 1;
        if (cache) {
            settle(endpoint, fresh);
        }
        return fresh;
    }

    /** Ends the reservation of a connection to {@code endpoint}, caching {@code opened} if there is one. */
    private synchronized void settle(Endpoint endpoint, Connection opened) {
        connecting.merge(endpoint, -1, Integer::sum);
        if (opened != null && !closed) {
            cached.computeIfAbsent(endpoint, e -> new ArrayList<>()).add(opened);
        }
        notifyAll();
    }

    /**
     * A cached connection with a free slot (taken), or null after reserving the right to open another
     * one; when the host has {@link SshOptions#connectionsPerHost()} already, waits for a slot.
     */
    private synchronized Connection shareOrReserve(Endpoint endpoint) throws LoginFailure {
        while (true) {
            List<Connection> open = cached.getOrDefault(endpoint, List.of());
            for (Connection c : open) {
                if (c.active < options.sessionsPerConnection() && c.client.isConnected()) {
                    c.active++;
                    return c;
                }
            }
            if (closed || open.size() + connecting.getOrDefault(endpoint, 0) < options.connectionsPerHost()) {
                connecting.merge(endpoint, 1, Integer::sum);
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoginFailure("interrupted while waiting for a connection to " + endpoint, e);
            }
        }
    }

    /** Gives a command's slot back; a connection outside the cache, or a broken one, is closed. */
    void release(Connection connection) {
        boolean close;
        synchronized (this) {
            connection.active--;
            connection.idleSince = System.nanoTime();
            List<Connection> list = cached.get(connection.endpoint);
            boolean keep = list != null && list.contains(connection) && connection.client.isConnected();
            if (!keep && list != null) {
                list.remove(connection);
            }
            close = !keep && connection.active == 0;
            notifyAll();
        }
        if (close) {
            discard(connection);
        }
    }

    /**
     * Drops the cached connections to {@code endpoint} (after a reboot they are dead, though they may
     * not know it yet): idle ones close now, busy ones when their command gives them back.
     */
    void forget(Endpoint endpoint) {
        List<Connection> idle = new ArrayList<>();
        synchronized (this) {
            List<Connection> list = cached.remove(endpoint);
            if (list != null) {
                list.stream().filter(c -> c.active == 0).forEach(idle::add);
            }
        }
        idle.forEach(this::discard);
    }

    /** Returns how many connections are open in the cache (for tests and monitoring). */
    synchronized int size() {
        return cached.values().stream().mapToInt(List::size).sum();
    }

    private void closeIdle() {
        long limit = options.idleTimeout().toNanos();
        List<Connection> idle = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (List<Connection> list : cached.values()) {
                for (Iterator<Connection> it = list.iterator(); it.hasNext();) {
                    Connection c = it.next();
                    if (c.active == 0 && (now - c.idleSince >= limit || !c.client.isConnected())) {
                        it.remove();
                        idle.add(c);
                    }
                }
            }
            cached.values().removeIf(List::isEmpty);
        }
        idle.forEach(this::discard);
    }

    /**
     * Connects to {@code endpoint} — through a connection to its jump host, if it has one — verifies
     * its host key and logs in, or says why not.
     */
    private Connection login(Endpoint endpoint, boolean cache) throws LoginFailure {
        Connection via = null;
        if (endpoint.proxy() != null) {
            try {
                via = acquire(endpoint.proxy(), cache);
            } catch (LoginFailure e) {
                throw new LoginFailure("cannot reach the jump host " + endpoint.proxy() + ": " + e.getMessage(), e);
            }
        }
        try {
            return new Connection(endpoint, connect(endpoint, via), via);
        } catch (LoginFailure e) {
            if (via != null) {
                release(via);
            }
            throw e;
        }
    }

    private SSHClient connect(Endpoint endpoint, Connection via) throws LoginFailure {
        SSHClient client = new SSHClient(CONFIG);
        KnownHosts knownHosts;
        try {
            knownHosts = KnownHosts.read(options.knownHosts(), options.hostKeyPolicy());
        } catch (IOException e) {
            throw new LoginFailure("cannot read the known hosts file " + options.knownHosts() + ": " + e.getMessage(), e);
        }
        client.addHostKeyVerifier(knownHosts);
        int timeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        client.setConnectTimeout(timeout);
        client.setTimeout(timeout);
        try {
            if (via == null) {
                client.connect(endpoint.host(), endpoint.port());
                // commands are short request/response exchanges: without this, delayed ACKs add ~40 ms to each
                client.getSocket().setTcpNoDelay(true);
            } else {
                client.connectVia(tunnel(via, endpoint));
            }
            authenticate(client, endpoint);
            client.setTimeout(0);
            return client;
        } catch (LoginFailure e) {
            disconnect(client);
            throw e;
        } catch (IOException e) {
            disconnect(client);
            throw new LoginFailure(reason(endpoint, knownHosts, e), e);
        } catch (IllegalStateException e) {
            // sshj's "Not connected": the server closed the connection between the key exchange and the login
            disconnect(client);
            throw new LoginFailure("the connection to " + endpoint + " closed during the login: " + e.getMessage(), e);
        }
    }

    /** A direct-tcpip channel from the jump host to {@code endpoint}. */
    private static DirectConnection tunnel(Connection via, Endpoint endpoint) throws LoginFailure {
        try {
            return via.client.newDirectConnection(endpoint.host(), endpoint.port());
        } catch (IOException e) {
            throw new LoginFailure("the jump host " + via.endpoint + " cannot connect to " + endpoint.host() + ":" + endpoint.port()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void authenticate(SSHClient client, Endpoint endpoint) throws IOException, LoginFailure {
        try {
            if (endpoint.keyfile() != null) {
                KeyProvider key = loadKey(client, endpoint);
                client.authPublickey(endpoint.user(), key);
            } else if (endpoint.password() != null) {
                client.authPassword(endpoint.user(), endpoint.password());
            } else {
                client.authPublickey(endpoint.user());
            }
        } catch (UserAuthException e) {
            throw new LoginFailure("authentication failed for " + endpoint + " ("
                    + (endpoint.keyfile() != null ? "key " + endpoint.keyfile() : endpoint.password() != null ? "password" : "default keys")
                    + ")", e);
        }
    }

    private static KeyProvider loadKey(SSHClient client, Endpoint endpoint) throws LoginFailure {
        try {
            return endpoint.passphrase() == null ? client.loadKeys(endpoint.keyfile())
                    : client.loadKeys(endpoint.keyfile(), endpoint.passphrase());
        } catch (IOException | RuntimeException e) {
            throw new LoginFailure("cannot read the key file " + endpoint.keyfile() + ": " + e.getMessage(), e);
        }
    }

    /** The reason of a failed connection, as the jobflow sees it. */
    private String reason(Endpoint endpoint, KnownHosts knownHosts, IOException e) {
        String where = endpoint.host() + ":" + endpoint.port();
        if (knownHosts.refusal() != null) {
            return knownHosts.refusal();
        }
        if (e instanceof UnknownHostException) {
            return "cannot resolve host " + endpoint.host();
        }
        if (e instanceof ConnectException) {
            return "connection refused by " + where;
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + where;
        }
        if (e instanceof SocketTimeoutException || e instanceof TransportException && e.getMessage() != null
                && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout")) {
            return "timed out connecting to " + where + " after " + options.connectTimeout().toSeconds() + " s";
        }
        return "cannot connect to " + endpoint + ": " + e.getMessage();
    }

    /** Closes a connection that is no longer used, and lets go of its jump host's. */
    private void discard(Connection connection) {
        disconnect(connection.client);
        if (connection.via != null) {
            release(connection.via);
        }
    }

    private static void disconnect(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // the connection is being thrown away; there is nothing left to tell anyone
        }
    }

    /** Closes every cached connection; connections in use close when their command gives them back. */
    @Override
    public void close() {
        reaper.cancel(false);
        List<Connection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            cached.values().forEach(all::addAll);
            cached.clear();
            notifyAll();
        }
        all.forEach(c -> disconnect(c.client));
        // jump hosts' connections are in the cache too, and were closed with the rest
    }
}
