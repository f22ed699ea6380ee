package dev.stoa.agent.domain.model;

import java.time.OffsetDateTime;

/** Usage of one agent from {@code windowStart}: a one-second bucket, or a minute's total. */
public record Usage(OffsetDateTime windowStart, long requests, long tokens) {}
