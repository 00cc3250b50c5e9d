package dev.kompira.store.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.core.object.TreeInitializer;
import dev.kompira.core.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Password fields and secret Config entries are encrypted at rest; the plaintext is nowhere in the repository. */
class SecretsTest {

    private static final String PLAINTEXT = "hunter2-plaintext-secret";
    private static final SecretKey KEY = SecretKey.parse("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "test");
    private static final SecretKey OTHER = SecretKey.parse("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "test");

    private static final String SECRETS = String.join("\n",
            "[./.add: 'deploy', /system/types/AccountInfo, {user = 'ops', password = '" + PLAINTEXT + "'}] ->",
            "[cfg = ./.add('vault', /system/types/Config, {fieldNames = ['token', 'region'], fieldDisplayNames = ['Token', 'Region'],",
            "                                              fieldTypes = ['Password', 'String']})] ->",
            "[{token = '" + PLAINTEXT + "-token', region = 'eu'} >> cfg.data]");

    @TempDir
    Path dir;

    @Test
    void secretsAreSealedInEveryGitObjectAndOpenWithTheKey() throws Exception {
        try (GitStore store = open(KEY)) {
            StoreFlows.run(store, SECRETS);
        }
        assertNothingHolds(PLAINTEXT);
        try (GitStore store = open(KEY)) {
            assertEquals(PLAINTEXT + " " + PLAINTEXT + "-token eu\n",
                    StoreFlows.run(store, "print(/deploy.password, /vault.data.token, /vault.data.region)"));
        }
    }

    @Test
    void withoutTheKeyOrWithAnotherOneTheStoreSaysSoWithoutShowingTheSecret() throws Exception {
        try (GitStore store = open(KEY)) {
            StoreFlows.run(store, SECRETS);
        }
        StoreException missing = assertThrows(StoreException.class, () -> open(null));
        assertTrue(missing.getMessage().contains("tree/deploy.json: field 'password' is encrypted: give the store's key"),
                missing.getMessage());
        StoreException wrong = assertThrows(StoreException.class, () -> open(OTHER));
        assertTrue(wrong.getMessage().contains("tree/vault.json: field 'data.token': the secret key does not open it"),
                wrong.getMessage());
        assertFalse(missing.getMessage().contains(PLAINTEXT) || wrong.getMessage().contains(PLAINTEXT));
    }

    @Test
    void aStoreWithoutAKeyRefusesToWriteASecret() throws Exception {
        try (GitStore store = open(null)) {
            TreeInitializer.initialise(store, ZoneOffset.UTC);
            String head = store.headCommit().orElseThrow();
            String console = StoreFlows.run(store, "{ try | [./.add: 'deploy', /system/types/AccountInfo, {password = '" + PLAINTEXT + "'}] }"
                    + " -> print($ERROR) -> print(has_key(./, 'deploy'))");
            assertTrue(console.contains("'password' is a secret and the Git store keeps secrets only encrypted"), console);
            assertFalse(console.contains(PLAINTEXT), console);
            assertEquals(head, store.headCommit().orElseThrow());
        }
        assertNothingHolds(PLAINTEXT);
    }

    @Test
    void keysAreReadFromBase64OrHexAndOtherTextIsRefused() {
        String base64 = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        SecretKey.parse(base64, "test");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> SecretKey.parse("short", "KOMPIRA_SECRET_KEY"));
        assertTrue(bad.getMessage().startsWith("KOMPIRA_SECRET_KEY does not hold a secret key: expected 32 bytes"), bad.getMessage());
        assertEquals("SecretKey[hidden]", KEY.toString());
    }

    private GitStore open(SecretKey key) {
        return GitStore.open(dir, GitStoreOptions.defaults().withSecretKey(key));
    }


    /** Scans every file of the repository, inflating its objects, for {@code text}. */
    private void assertNothingHolds(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.toString().contains("objects")), "the repository has objects");
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            boolean looseObject = file.getParent().getParent().getFileName().toString().equals("objects");
            byte[] content = looseObject ? inflate(bytes) : bytes;
            assertFalse(indexOf(content, needle) >= 0, file + " holds the plaintext");
        }
    }

    private static byte[] inflate(byte[] bytes) {
        Inflater inflater = new Inflater();
        inflater.setInput(bytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError("not a zlib stream", e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
