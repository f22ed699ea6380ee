package dev.stoa.tools.domain.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * A call waiting for (or decided by) a person.
 *
 * @param status {@code pending}, {@code approved}, {@code rejected}, {@code expired} or {@code cancelled}
 */
public record Approval(
        String id,
        String orgId,
        String agentId,
        String toolId,
        String toolName,
        String callId,
        String turnId,
        String conversationId,
        String argumentsPreview,
        String status,
        OffsetDateTime requestedAt,
        OffsetDateTime expiresAt,
        @Nullable String decidedBy,
        @Nullable OffsetDateTime decidedAt,
        @Nullable String reason) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    public static final String EXPIRED = "expired";
    public static final String CANCELLED = "cancelled";

    /** This approval with its status as of {@code now}. */
    public Approval asOf(Instant now) {
        String effective = statusAt(now);
        return effective.equals(status)
                ? this
                : new Approval(
                        id,
                        orgId,
                        agentId,
                        toolId,
                        toolName,
                        callId,
                        turnId,
                        conversationId,
                        argumentsPreview,
                        effective,
                        requestedAt,
                        expiresAt,
                        decidedBy,
                        decidedAt,
                        reason);
    }

    /** The status as of {@code now}: a pending approval past its expiry is expired, whether or not it was marked. */
    public String statusAt(Instant now) {
        return PENDING.equals(status) && !expiresAt.toInstant().isAfter(now) ? EXPIRED : status;
    }
}
