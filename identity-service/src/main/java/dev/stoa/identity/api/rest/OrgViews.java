package dev.stoa.identity.api.rest;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.stoa.common.auth.Role;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.Org;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** Response bodies of the Organization endpoints: the org and its members. */
public final class OrgViews {
    private OrgViews() {}

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

    /** A member of the org ({@code invited}: asked, not yet accepted). */
    public record MemberView(
            String id,
            String userId,
            String email,
            String name,
            @OneOf(of = Role.class) String role,
            @OneOf({"active", "invited"}) String status,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static MemberView of(Member m) {
            return new MemberView(
                    m.id(), m.userId(), m.email(), m.name(), m.role().wire(), m.status(), m.createdAt(), m.updatedAt());
        }
    }

    /** An invite of the org, as its admins see it; {@code expired} ones can be revoked and sent again. */
    public record OrgInviteView(
            String id,
            String email,
            @OneOf(of = Role.class) String role,
            @OneOf({"pending", "expired"}) String status,
            @Nullable String invitedBy,
            OffsetDateTime createdAt,
            OffsetDateTime expiresAt) {
        static OrgInviteView of(Member m, OffsetDateTime now) {
            OffsetDateTime expires = m.inviteExpiresAt() == null ? m.createdAt() : m.inviteExpiresAt();
            return new OrgInviteView(
                    m.id(),
                    m.email(),
                    m.role().wire(),
                    expires.isAfter(now) ? "pending" : "expired",
                    m.invitedBy(),
                    m.createdAt(),
                    expires);
        }
    }
}
