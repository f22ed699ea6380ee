package dev.stoa.identity.api.rest;

import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scope;
import dev.stoa.common.auth.TokenType;
import dev.stoa.identity.api.rest.OrgViews.OrgView;
import dev.stoa.identity.domain.model.PendingInvite;
import dev.stoa.identity.domain.model.TokenPair;
import dev.stoa.identity.domain.model.User;
import dev.stoa.web.validation.OneOf;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Auth endpoints (snake_case on the wire). */
public final class AuthViews {
    private AuthViews() {}

    /** A user, without credentials; {@code email_verified} says whether the owner of the address proved it. */
    public record UserView(String id, String email, String name, boolean emailVerified, OffsetDateTime createdAt) {
        static UserView of(User user) {
            return new UserView(user.id(), user.email(), user.name(), user.verified(), user.createdAt());
        }
    }

    /** An invite waiting for the caller's answer. */
    public record InviteView(
            String id,
            String orgId,
            String orgName,
            @OneOf(of = Role.class) String role,
            @Nullable String invitedBy,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt) {
        static InviteView of(PendingInvite invite) {
            return new InviteView(
                    invite.id(),
                    invite.orgId(),
                    invite.orgName(),
                    invite.role().wire(),
                    invite.invitedByEmail(),
                    invite.createdAt(),
                    invite.expiresAt());
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
        @Override
        public String toString() { // both tokens are credentials
            return "TokenResponse[sessionId=" + sessionId + ", user=" + user.id() + "]";
        }

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
