package dev.kompira.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void aTokenIsShownOnceAndOnlyItsSaltedHashIsKept() throws Exception {
        Path file = dir.resolve("runtime/tokens.json");
        TokenStore store = TokenStore.open(file);
        String token = store.create("ci", Role.OPERATOR);
        assertTrue(token.startsWith("kmp_"));
        assertEquals(4 + 43, token.length(), "256 random bits in unpadded base64url");
        String kept = Files.readString(file);
        assertFalse(kept.contains(token.substring(4)), "the secret is not in the file");
        assertTrue(kept.contains("\"sha256\""));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));

        TokenInfo who = store.authenticate(token).orElseThrow();
        assertEquals("ci", who.name());
        assertEquals(Role.OPERATOR, who.role());
        assertEquals(Optional.empty(), store.authenticate(token + "x"));
        assertEquals(Optional.empty(), store.authenticate(token.substring(4)));
        assertEquals(Optional.empty(), store.authenticate(null));
        assertEquals(Optional.of(who), TokenStore.open(file).authenticate(token), "a new store reads the file");
    }

    @Test
    void twoTokensDifferAndTheSameTokenHashesDifferentlyWithEachSalt() throws Exception {
        TokenStore store = TokenStore.open(dir.resolve("tokens.json"));
        String a = store.create("a", Role.VIEWER);
        String b = store.create("b", Role.VIEWER);
        assertNotEquals(a, b);
        assertEquals("a", store.authenticate(a).orElseThrow().name());
        assertEquals("b", store.authenticate(b).orElseThrow().name());
        assertEquals(List.of("a", "b"), store.list().stream().map(TokenInfo::name).toList());
    }

    @Test
    void revokedTokensStopWorkingAlsoInAStoreThatReadTheFileBefore() {
        Path file = dir.resolve("tokens.json");
        TokenStore server = TokenStore.open(file);
        String token = server.create("ci", Role.ADMIN);
        assertTrue(server.authenticate(token).isPresent());
        TokenStore cli = TokenStore.open(file);
        assertTrue(cli.revoke("ci"));
        assertFalse(cli.revoke("ci"), "already gone");
        assertEquals(Optional.empty(), server.authenticate(token), "the running server sees the change");
        assertEquals(List.of(), server.list());
    }

    @Test
    void namesAreCheckedAndUnique() {
        TokenStore store = TokenStore.open(dir.resolve("tokens.json"));
        store.create("ci", Role.VIEWER);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> store.create("ci", Role.ADMIN)).getMessage()
                .contains("exists"));
        assertThrows(IllegalArgumentException.class, () -> store.create("", Role.ADMIN));
        assertThrows(IllegalArgumentException.class, () -> store.create("a b", Role.ADMIN));
        assertThrows(IllegalArgumentException.class, () -> store.create("../x", Role.ADMIN));
        assertEquals("operator-1", store.freeName(Role.OPERATOR));
        store.create("operator-1", Role.OPERATOR);
        assertEquals("operator-2", store.freeName(Role.OPERATOR));
    }

    @Test
    void rolesIncludeTheRolesBelowThem() {
        assertTrue(Role.ADMIN.allows(Role.OPERATOR));
        assertTrue(Role.OPERATOR.allows(Role.VIEWER));
        assertTrue(Role.VIEWER.allows(Role.VIEWER));
        assertFalse(Role.VIEWER.allows(Role.OPERATOR));
        assertFalse(Role.OPERATOR.allows(Role.ADMIN));
        assertEquals(Role.OPERATOR, Role.parse("Operator"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Role.parse("root")).getMessage().contains("viewer"));
    }

    @Test
    void aDamagedFileIsNamedInTheError() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{not json");
        assertTrue(assertThrows(java.io.UncheckedIOException.class, () -> TokenStore.open(file)).getMessage()
                .contains(file.toString()));
    }
}
