package dev.stoa.identity.domain.model;

import dev.stoa.common.auth.Role;
import java.time.OffsetDateTime;

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
