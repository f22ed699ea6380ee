package dev.stoa.monitoring.domain.model;

import java.time.OffsetDateTime;

/**
 * A safety finding a service reported in a text of a turn. {@code preview} is the source's masked preview; the
 * matched text itself never reaches monitoring.
 */
public record SafetyAlert(
        String id,
        String orgId,
        String agentId,
        String conversationId,
        String turnId,
        String surface,
        String detector,
        String action,
        String preview,
        OffsetDateTime occurredAt) {}
