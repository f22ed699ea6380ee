package dev.stoa.identity.domain.model;

import dev.stoa.common.auth.Role;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A user's membership in an org. {@code status} is "active", or "invited" while the invitee has not accepted (then
 * {@code inviteExpiresAt} says until when they may).
 */
public record Member(
        String id,
        String orgId,
        String userId,
        String email,
        String name,
        Role role,
        String status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable OffsetDateTime inviteExpiresAt,
        @Nullable String invitedBy) {
    public static final String ACTIVE = "active";
    public static final String INVITED = "invited";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
