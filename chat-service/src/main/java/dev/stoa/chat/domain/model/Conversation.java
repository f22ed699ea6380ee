package dev.stoa.chat.domain.model;

import java.time.OffsetDateTime;

/** A conversation of one end user with one agent, pinned to the version it started on. */
public record Conversation(
        String id,
        String orgId,
        String agentId,
        int agentVersion,
        String userId,
        String title,
        long lastSeq,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
