package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** Failed logins counted for one throttle key. */
public record LoginFailures(
        int failures,
        OffsetDateTime windowStartedAt,
        @Nullable OffsetDateTime lockedUntil) {}
