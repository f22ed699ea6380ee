package dev.stoa.tools.domain.model;

import java.time.OffsetDateTime;

/** A change of a tool's health status. */
public record HealthEvent(String id, String toolId, HealthStatus status, String reason, OffsetDateTime at) {}
