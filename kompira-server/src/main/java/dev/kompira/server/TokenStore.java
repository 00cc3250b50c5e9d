package dev.kompira.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.transport.LocalFiles;
import dev.kompira.store.git.GitStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API tokens of a server, kept in one JSON file (for a Git store, {@code <git dir>/kompira/tokens.json},
 * never committed). A token is 256 random bits, shown once when it is made; the file keeps only its
 * name, role, a random salt and {@code SHA-256(salt || token)}, so the file alone lets nobody in.
 * Presented tokens are compared with every kept hash in constant time.
 *
 * <p>The file is re-read when it changes on disk, so that {@code kompira token revoke} takes effect in
 * a running server at its next request. Thread-safe; changes are written atomically.
 */
public final class TokenStore {

    /** Tokens start with this, so that a secret scanner (and a reader) knows one when it sees it. */
    static final String PREFIX = "kmp_";
    /** The name of the token file in a Git store's runtime folder. */
    public static final String FILE_NAME = "tokens.json";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Clock clock;
    private List<Entry> entries = List.of();
    private FileTime loadedModified;
    private long loadedSize = -1;

    /** One kept token: what is known of it, and the salted hash of its secret. */
    private record Entry(TokenInfo info, byte[] salt, byte[] hash) {
    }

    private TokenStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * Opens the tokens kept in {@code file}; a missing file holds none (it is created by the first
     * {@link #create}).
     *
     * @throws UncheckedIOException when the file exists but cannot be read, naming it
     */
    public static TokenStore open(Path file) {
        return open(file, Clock.systemUTC());
    }

    /**
     * Opens the tokens of a Git store's server: {@code tokens.json} in its runtime folder
     * ({@code <git dir>/kompira/}), beside the repository and never committed.
     */
    public static TokenStore of(GitStore store) {
        return open(store.runtimeFolder().resolve(FILE_NAME));
    }

    /** As {@link #open(Path)}, with the clock that dates new tokens. */
    public static TokenStore open(Path file, Clock clock) {
        TokenStore store = new TokenStore(file, clock);
        synchronized (store) {
            store.refresh();
        }
        return store;
    }

    /** Returns the file the tokens are kept in. */
    public Path file() {
        return file;
    }

    /**
     * Makes a token and returns its secret, which is not kept and cannot be shown again.
     *
     * @throws IllegalArgumentException when {@code name} is not a valid name or is taken
     * @throws UncheckedIOException     when the file cannot be written
     */
    public synchronized String create(String name, Role role) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid token name '" + name
                    + "': use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        refresh();
        if (entries.stream().anyMatch(e -> e.info().name().equals(name))) {
            throw new IllegalArgumentException("a token named '" + name + "' exists: revoke it first or choose another name");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        List<Entry> changed = new ArrayList<>(entries);
        changed.add(new Entry(new TokenInfo(name, role, clock.instant()), salt, hash(salt, token)));
        save(changed);
        return token;
    }

    /** Returns a name for a new token of {@code role} that no kept token has: {@code operator-1}, {@code operator-2}, ... */
    public synchronized String freeName(Role role) {
        refresh();
        for (int n = 1; ; n++) {
            String name = role.label() + "-" + n;
            if (entries.stream().noneMatch(e -> e.info().name().equals(name))) {
                return name;
            }
        }
    }

    /** Returns the kept tokens, oldest first, without their secrets. */
    public synchronized List<TokenInfo> list() {
        refresh();
        return entries.stream().map(Entry::info).toList();
    }

    /**
     * Removes the token named {@code name}; returns whether there was one.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public synchronized boolean revoke(String name) {
        refresh();
        List<Entry> kept = entries.stream().filter(e -> !e.info().name().equals(name)).toList();
        if (kept.size() == entries.size()) {
            return false;
        }
        save(kept);
        return true;
    }

    /**
     * Returns the token that {@code presented} is, or empty. Every kept hash is computed and compared
     * (in constant time), so the answer takes as long whichever token matches.
     */
    public synchronized Optional<TokenInfo> authenticate(String presented) {
        refresh();
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        TokenInfo found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.hash(), hash(e.salt(), presented)) && found == null) {
                found = e.info();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] hash(byte[] salt, String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Reads the file again when it changed since it was last read. */
    private void refresh() {
        try {
            if (!Files.exists(file)) {
                entries = List.of();
                loadedModified = null;
                loadedSize = -1;
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(loadedModified) && size == loadedSize) {
                return;
            }
            entries = parse(JSON.readTree(file.toFile()));
            loadedModified = modified;
            loadedSize = size;
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e.getMessage(), e));
        }
    }

    private static List<Entry> parse(JsonNode root) {
        List<Entry> parsed = new ArrayList<>();
        for (JsonNode t : root.path("tokens")) {
            parsed.add(new Entry(new TokenInfo(t.path("name").asText(), Role.parse(t.path("role").asText()),
                    Instant.parse(t.path("created").asText())),
                    HexFormat.of().parseHex(t.path("salt").asText()), HexFormat.of().parseHex(t.path("sha256").asText())));
        }
        return List.copyOf(parsed);
    }

    /** Writes {@code changed} beside the file, readable by its owner only, then moves it in place. */
    private void save(List<Entry> changed) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tokens = root.putArray("tokens");
        for (Entry e : changed) {
            tokens.addObject().put("name", e.info().name()).put("role", e.info().role().label())
                    .put("created", e.info().created().toString())
                    .put("salt", HexFormat.of().formatHex(e.salt())).put("sha256", HexFormat.of().formatHex(e.hash()));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".tokens-", ".part");
            try {
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                }
                Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                LocalFiles.moveOver(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
            entries = List.copyOf(changed);
            loadedModified = Files.getLastModifiedTime(file);
            loadedSize = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the token file " + file + ": " + e.getMessage(), e);
        }
    }
}
