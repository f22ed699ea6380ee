package dev.stoa.store;

import dev.stoa.common.crypto.SecretSealer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals secrets at rest with AES-256-GCM under a versioned key ring. A sealed value is {@code
 * <version>:base64(nonce || ciphertext || tag)}; GCM authenticates {@code <version>|<associatedData>}, so a value
 * copied to another record (other associated data) or relabelled with another version does not open.
 */
public final class SecretBox implements SecretSealer {
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final @Nullable String activeVersion;

    /** Fails on a malformed ring; an empty ring is allowed and makes every operation fail closed. */
    public SecretBox(Map<String, String> base64Keys, @Nullable String activeVersion) {
        Map<String, SecretKey> parsed = new TreeMap<>();
        base64Keys.forEach((version, encoded) -> parsed.put(checkedVersion(version), key(version, encoded)));
        this.keys = Map.copyOf(parsed);
        if (activeVersion != null && !activeVersion.isBlank()) {
            if (!keys.containsKey(activeVersion)) {
                throw new IllegalStateException("stoa.secrets.active-version names no configured key");
            }
            this.activeVersion = activeVersion;
        } else if (keys.size() > 1) {
            throw new IllegalStateException("stoa.secrets.active-version is required with several keys");
        } else {
            this.activeVersion =
                    keys.isEmpty() ? null : keys.keySet().iterator().next();
        }
    }

    public SecretBox(SecretsProperties properties) {
        this(properties.keys(), properties.activeVersion());
    }

    /** A new random 256-bit key, base64-encoded, for {@code stoa.secrets.keys.<version>}. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Whether a key ring is configured (otherwise every operation throws). */
    public boolean available() {
        return activeVersion != null;
    }

    /** Encrypts under the active key; {@code associatedData} names the record, e.g. {@code org_id|record_id}. */
    @Override
    public String seal(byte[] plaintext, String associatedData) {
        String version = requireActive();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(
                    Cipher.ENCRYPT_MODE, Objects.requireNonNull(keys.get(version)), nonce, version, associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
            return version + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    /** Decrypts a value produced by {@link #seal} with the same associated data. */
    @Override
    public byte[] open(String sealed, String associatedData) {
        requireActive();
        int colon = sealed.indexOf(':');
        String version = colon > 0 ? sealed.substring(0, colon) : "";
        SecretKey key = keys.get(version);
        if (key == null) {
            throw new SecretBoxException("sealed secret names an unknown key version", null);
        }
        byte[] body;
        try {
            body = Base64.getDecoder().decode(sealed.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed secret is not valid base64", null);
        }
        if (body.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("sealed secret is truncated", null);
        }
        try {
            byte[] nonce = Arrays.copyOf(body, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, version, associatedData);
            return cipher.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            // Deliberately no cause: nothing about the key or the text should travel further than this.
            throw new SecretBoxException("sealed secret failed authentication", null);
        }
    }

    /** Whether {@code sealed} was sealed under a version other than the active one. */
    public boolean needsRotation(String sealed) {
        String active = requireActive();
        return !sealed.startsWith(active + ":");
    }

    /** Opens and seals again under the active key (for rotation jobs). */
    public String reseal(String sealed, String associatedData) {
        return seal(open(sealed, associatedData), associatedData);
    }

    private String requireActive() {
        if (activeVersion == null) {
            throw new SecretBoxUnavailableException();
        }
        return activeVersion;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String version, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD((version + "|" + associatedData).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static String checkedVersion(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalStateException("stoa.secrets.keys: key versions must match " + VERSION.pattern());
        }
        return version;
    }

    private static SecretKey key(String version, String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("stoa.secrets.keys." + version + " must be base64 of 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
