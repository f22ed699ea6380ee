package dev.stoa.chat.domain.model;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An agent's usage over the last minute after a report, its per-minute limits (0: unlimited), and, when the reported
 * requests were refused, which limit refused them ({@code requests} or {@code tokens}) and when to retry.
 */
public record UsageWindow(
        Instant windowStart,
        long requests,
        long tokens,
        int requestsPerMinute,
        int tokensPerMinute,
        @Nullable String limited,
        Duration retryAfter) {}
