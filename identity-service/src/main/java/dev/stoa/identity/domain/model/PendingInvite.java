package dev.stoa.identity.domain.model;

import dev.stoa.common.auth.Role;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An invitation waiting for its invitee's answer, as the invitee sees it. */
public record PendingInvite(
        String id,
        String orgId,
        String orgName,
        Role role,
        @Nullable String invitedByEmail,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt) {}
