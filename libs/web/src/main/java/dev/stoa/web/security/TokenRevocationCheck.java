package dev.stoa.web.security;

import dev.stoa.common.auth.RevocationCheck;

/**
 * An extra check of a valid platform token, e.g. identity-service refusing tokens whose session was revoked.
 * When a bean of this type (or any {@link RevocationCheck}) exists, a revoked token is answered 401
 * {@code token_revoked}.
 */
@FunctionalInterface
public interface TokenRevocationCheck extends RevocationCheck {}
