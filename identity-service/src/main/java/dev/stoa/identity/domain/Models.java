package dev.stoa.identity.domain;

import dev.stoa.common.auth.Role;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The identity domain's value types. */
public final class Models {
    private Models() {}

    /**
     * A person who can log in. {@code passwordHash} is set in builtin mode, {@code externalId} (the Keycloak user id)
     * in Keycloak mode; neither while an invitation is pending.
     */
    public record User(
            String id,
            String email,
            String name,
            @Nullable String passwordHash,
            OffsetDateTime createdAt,
            @Nullable String externalId) {
        public User(String id, String email, String name, @Nullable String passwordHash, OffsetDateTime createdAt) {
            this(id, email, name, passwordHash, createdAt, null);
        }

        @Override
        public String toString() { // never print the hash
            return "User[id=" + id + ", email=" + email + "]";
        }
    }

    /** A tenant. {@code settings} is a JSON object kept as text. */
    public record Org(
            String id, String name, String slug, String settings, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    /** A user's membership in an org. {@code status} is "active" or "invited". */
    public record Member(
            String id,
            String orgId,
            String userId,
            String email,
            String name,
            Role role,
            String status,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    /** A login session: its access tokens carry its id as {@code sid}. */
    public record Session(
            String id,
            String orgId,
            String userId,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt,
            @Nullable OffsetDateTime revokedAt) {}

    /** A stored API key (never the secret). */
    public record ApiKey(
            String id,
            String orgId,
            String name,
            String last4,
            List<String> scopes,
            Role role,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime expiresAt,
            @Nullable OffsetDateTime lastUsedAt,
            @Nullable OffsetDateTime revokedAt) {}

    /** A stored SDK connection (never the secret). */
    public record SdkConnection(
            String id,
            String orgId,
            String name,
            String last4,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime lastUsedAt,
            @Nullable OffsetDateTime revokedAt) {}

    /** A signed platform token and when it expires. */
    public record IssuedToken(String value, OffsetDateTime expiresAt) {}

    /** What login, register and refresh return. */
    public record TokenPair(IssuedToken access, String refreshToken, User user, Org org, Role role, String sessionId) {}

    /** A signing key as stored: the private half sealed, the public half a JWK. */
    public record StoredSigningKey(String kid, String privateKeySealed, String publicJwk, OffsetDateTime createdAt) {}

    /** A refresh token as stored (its hash is the lookup key). */
    public record RefreshToken(
            String id,
            String sessionId,
            OffsetDateTime expiresAt,
            @Nullable OffsetDateTime usedAt) {}

    /** Failed logins counted for one throttle key. */
    public record LoginFailures(
            int failures,
            OffsetDateTime windowStartedAt,
            @Nullable OffsetDateTime lockedUntil) {}

    /** A secret shown once together with the record it belongs to. */
    public record Revealed<T>(T record, String secret) {}
}
