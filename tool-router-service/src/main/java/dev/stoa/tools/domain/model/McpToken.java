package dev.stoa.tools.domain.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A personal access token of the MCP gateway, without its secret: bound to one org and some of its endpoints. */
public record McpToken(
        String id,
        String orgId,
        String name,
        List<String> endpointIds,
        String userId,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        @Nullable OffsetDateTime revokedAt) {

    /** What every personal access token starts with. */
    public static final String PREFIX = "stoa_pat_";

    public McpToken {
        endpointIds = List.copyOf(endpointIds);
    }

    /** Whether it lets a client reach {@code endpointId} of {@code orgId} at {@code now}. */
    public boolean admits(String orgId, String endpointId, Instant now) {
        return this.orgId.equals(orgId)
                && endpointIds.contains(endpointId)
                && revokedAt == null
                && expiresAt.toInstant().isAfter(now);
    }
}
