package dev.stoa.identity.api.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scope;
import dev.stoa.common.auth.TokenType;
import dev.stoa.identity.domain.Models.ApiKey;
import dev.stoa.identity.domain.Models.Member;
import dev.stoa.identity.domain.Models.Org;
import dev.stoa.identity.domain.Models.SdkConnection;
import dev.stoa.identity.domain.Models.TokenPair;
import dev.stoa.identity.domain.Models.User;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Auth and Organization endpoints (snake_case on the wire). */
public final class Views {
    private Views() {}

    /** A user, without credentials. */
    public record UserView(String id, String email, String name, OffsetDateTime createdAt) {
        static UserView of(User user) {
            return new UserView(user.id(), user.email(), user.name(), user.createdAt());
        }
    }

    /** An org; {@code settings} is the stored JSON object. */
    public record OrgView(
            String id,
            String name,
            String slug,
            @JsonRawValue @JsonObject String settings,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static OrgView of(Org org) {
            return new OrgView(org.id(), org.name(), org.slug(), org.settings(), org.createdAt(), org.updatedAt());
        }
    }

    /** Tokens of a session plus who they are for. */
    public record TokenResponse(
            String accessToken,
            String refreshToken,
            String tokenType,
            long expiresIn,
            OffsetDateTime expiresAt,
            String sessionId,
            @OneOf(of = Role.class) String role,
            UserView user,
            OrgView org) {
        static TokenResponse of(TokenPair pair) {
            long seconds = Math.max(
                    0,
                    Duration.between(OffsetDateTime.now(), pair.access().expiresAt())
                            .toSeconds());
            return new TokenResponse(
                    pair.access().value(),
                    pair.refreshToken(),
                    "Bearer",
                    seconds,
                    pair.access().expiresAt(),
                    pair.sessionId(),
                    pair.role().wire(),
                    UserView.of(pair.user()),
                    OrgView.of(pair.org()));
        }
    }

    /** A member of the org. */
    public record MemberView(
            String id,
            String userId,
            String email,
            String name,
            @OneOf(of = Role.class) String role,
            @OneOf({"active", "invited"}) String status,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            @Nullable String inviteToken) {
        static MemberView of(Member m) {
            return of(m, null);
        }

        static MemberView of(Member m, @Nullable String inviteToken) {
            return new MemberView(
                    m.id(),
                    m.userId(),
                    m.email(),
                    m.name(),
                    m.role().wire(),
                    m.status(),
                    m.createdAt(),
                    m.updatedAt(),
                    inviteToken);
        }
    }

    /** An API key; {@code key} carries the secret only in the response that created it. */
    public record ApiKeyView(
            String id,
            String name,
            String preview,
            List<@OneOf(of = Scope.class) String> scopes,
            @OneOf(of = Role.class) String role,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime expiresAt,
            @Nullable OffsetDateTime lastUsedAt,
            @Nullable String key) {
        static ApiKeyView of(ApiKey k, @Nullable String secret) {
            return new ApiKeyView(
                    k.id(),
                    k.name(),
                    "stoa_sk_…" + k.last4(),
                    k.scopes(),
                    k.role().wire(),
                    k.createdBy(),
                    k.createdAt(),
                    k.expiresAt(),
                    k.lastUsedAt(),
                    secret);
        }
    }

    /** An SDK connection; {@code secret} appears only in the response that created it. */
    public record SdkConnectionView(
            String id,
            String name,
            String preview,
            String createdBy,
            OffsetDateTime createdAt,
            @Nullable OffsetDateTime lastUsedAt,
            @Nullable String secret) {
        static SdkConnectionView of(SdkConnection c, @Nullable String secret) {
            return new SdkConnectionView(
                    c.id(), c.name(), "stoa_sdk_…" + c.last4(), c.createdBy(), c.createdAt(), c.lastUsedAt(), secret);
        }
    }

    /** The caller: user, org, role, and the credential used. */
    public record MeView(
            UserView user,
            OrgView org,
            @Nullable @OneOf(of = Role.class) String role,
            @OneOf(of = TokenType.class) String tokenType,
            List<@OneOf(of = Scope.class) String> scopes,
            @Nullable SessionView session,
            @Nullable String apiKeyId) {}

    /** A login session. */
    public record SessionView(String id, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}
}
