package dev.kompira.store.git;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that encrypts secret fields at rest (docs/git-store.md): AES-256-GCM with a random 96-bit
 * nonce per value, the object id and field name as associated data, so that a sealed value cannot
 * be moved to another field. The key never lives in the repository: it comes from the environment
 * variable {@value #VARIABLE} or a key file, as 32 bytes written in Base64 or as 64 hex digits.
 * Messages never contain a key or a plaintext. Immutable and thread-safe.
 */
public final class SecretKey {

    /** The environment variable that holds the key. */
    public static final String VARIABLE = "KOMPIRA_SECRET_KEY";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private SecretKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /**
     * Reads a key written as Base64 or hex.
     *
     * @param where says where the text came from, for the message when it is not a key
     * @throws IllegalArgumentException when the text is not 32 bytes in Base64 or 64 hex digits
     */
    public static SecretKey parse(String text, String where) {
        String t = text.strip();
        byte[] bytes = null;
        if (t.length() == 64 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            bytes = HexFormat.of().parseHex(t);
        } else {
            try {
                bytes = Base64.getDecoder().decode(t);
            } catch (IllegalArgumentException notBase64) {
                bytes = null;
            }
        }
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException(where + " does not hold a secret key: expected 32 bytes written in Base64 "
                    + "(44 characters) or as 64 hex digits, e.g. from: openssl rand -base64 32");
        }
        return new SecretKey(bytes);
    }

    /** Reads the key from a file. */
    public static SecretKey fromFile(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), "key file " + file);
    }

    /** Returns the key in {@value #VARIABLE}, if that is set. */
    public static Optional<SecretKey> fromEnvironment() {
        String text = System.getenv(VARIABLE);
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(parse(text, "environment variable " + VARIABLE));
    }

    /** Encrypts {@code plaintext} for the place {@code where} (object id and field); returns Base64 of nonce and ciphertext. */
    String seal(String plaintext, String where) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, where);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts what {@link #seal} made for the same place.
     *
     * @throws IllegalArgumentException when the key does not open it (a wrong key, or the value was changed or moved)
     */
    String open(String sealed, String where) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the sealed value is not Base64", e);
        }
        if (bytes.length <= NONCE_BYTES) {
            throw new IllegalArgumentException("the sealed value is too short");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), where);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("the secret key does not open it (a wrong key, or the file was changed)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM: " + e.getMessage(), e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String where) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(where.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "SecretKey[hidden]";
    }
}
