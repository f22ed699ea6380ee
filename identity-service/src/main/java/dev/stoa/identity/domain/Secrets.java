package dev.stoa.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Generates and hashes high-entropy credentials (API keys, SDK secrets, refresh tokens, invites). They carry 256
 * random bits, so a plain SHA-256 is the right hash: a slow KDF only matters for guessable secrets like passwords.
 */
public final class Secrets {
    public static final String API_KEY_PREFIX = "stoa_sk_";
    public static final String SDK_SECRET_PREFIX = "stoa_sdk_";
    public static final String REFRESH_TOKEN_PREFIX = "stoa_rt_";
    public static final String INVITE_PREFIX = "stoa_inv_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    public static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256Hex(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String last4(String secret) {
        return secret.substring(secret.length() - 4);
    }

    /** Compares two strings in time independent of where they differ. */
    public static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
