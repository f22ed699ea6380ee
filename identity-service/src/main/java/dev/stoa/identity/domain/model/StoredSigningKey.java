package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;

/** A signing key as stored: the private half sealed, the public half a JWK. */
public record StoredSigningKey(String kid, String privateKeySealed, String publicJwk, OffsetDateTime createdAt) {}
