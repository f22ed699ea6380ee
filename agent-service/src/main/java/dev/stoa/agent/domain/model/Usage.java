package dev.stoa.agent.domain.model;

import java.time.OffsetDateTime;

/** Usage of one agent in one minute window. */
public record Usage(OffsetDateTime windowStart, long requests, long tokens) {}
