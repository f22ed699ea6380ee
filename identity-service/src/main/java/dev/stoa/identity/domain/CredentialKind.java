package dev.stoa.identity.domain;

import dev.stoa.common.error.UnauthenticatedException;

/** The kinds of secret credential: how their ids and secrets look and how a bad secret is refused. */
enum CredentialKind {
    API_KEY("api_key", "key", Secrets.API_KEY_PREFIX, "invalid_api_key", "the API key is invalid, revoked or expired"),
    SDK_CONNECTION(
            "sdk_connection",
            "sdk",
            Secrets.SDK_SECRET_PREFIX,
            "invalid_sdk_secret",
            "the SDK secret is invalid or revoked");

    /** Longer than any secret we issue: anything longer is refused before it is hashed. */
    private static final int MAX_SECRET_LENGTH = 200;

    /** Its name in events and audit facts ({@code api_key.created}, revocations of kind {@code api_key}). */
    final String wire;

    final String idPrefix;
    final String secretPrefix;
    private final String invalidCode;
    private final String invalidMessage;

    CredentialKind(String wire, String idPrefix, String secretPrefix, String invalidCode, String invalidMessage) {
        this.wire = wire;
        this.idPrefix = idPrefix;
        this.secretPrefix = secretPrefix;
        this.invalidCode = invalidCode;
        this.invalidMessage = invalidMessage;
    }

    /** Whether {@code secret} could be one of ours (checked before anything is looked up). */
    boolean looksLikeOurs(String secret) {
        return secret.startsWith(secretPrefix) && secret.length() <= MAX_SECRET_LENGTH;
    }

    /** One answer for an unknown, revoked or expired secret, so none can be told from another. */
    UnauthenticatedException invalid() {
        return new UnauthenticatedException(invalidCode, invalidMessage);
    }
}
