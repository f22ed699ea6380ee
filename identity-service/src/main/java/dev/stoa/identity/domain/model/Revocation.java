package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;

/**
 * A revoked credential whose tokens may still be alive: what a gateway or service needs to refuse them (the {@code sid}
 * they carry, and for API keys and SDK connections the hash of the secret gateways cache exchanges by).
 *
 * @param kind "session", "api_key" or "sdk_connection"
 * @param secretHash empty for sessions
 * @param forgetAfter when every token carrying {@code credentialId} has expired
 */
public record Revocation(
        String orgId,
        String credentialId,
        String kind,
        String secretHash,
        OffsetDateTime revokedAt,
        OffsetDateTime forgetAfter) {}
