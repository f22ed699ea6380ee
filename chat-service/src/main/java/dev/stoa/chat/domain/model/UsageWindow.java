package dev.stoa.chat.domain.model;

import java.time.Instant;

/** An agent's usage in the current one-minute window after a report, and its per-minute limits (0: unlimited). */
public record UsageWindow(
        Instant windowStart, long requests, long tokens, int requestsPerMinute, int tokensPerMinute) {}
