package dev.stoa.chat.domain;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A turn the agent's limits refuse: {@code budget_exceeded} (HTTP 402, the monthly budget is spent),
 * {@code rate_limited} (HTTP 429 with Retry-After, the per-minute requests or tokens are used up) or
 * {@code content_blocked} (HTTP 422 naming the field, the safety policy blocks what the message contains).
 */
public final class TurnRefusedException extends StoaException {
    public static final String BUDGET_EXCEEDED = "budget_exceeded";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String CONTENT_BLOCKED = "content_blocked";

    private final int httpStatus;
    private final @Nullable Duration retryAfter;

    private TurnRefusedException(
            ErrorKind kind,
            int httpStatus,
            String code,
            String message,
            @Nullable Duration retryAfter,
            List<FieldError> fieldErrors) {
        super(kind, code, message, false, fieldErrors, null);
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    static TurnRefusedException budgetExceeded(long spentMicros, long budgetMicros) {
        return new TurnRefusedException(
                ErrorKind.FAILED_PRECONDITION,
                402,
                BUDGET_EXCEEDED,
                "the agent's monthly budget is spent (" + spentMicros + " of " + budgetMicros
                        + " micro-USD this month, UTC)",
                null,
                List.of());
    }

    static TurnRefusedException rateLimited(String what, Duration retryAfter) {
        return new TurnRefusedException(
                ErrorKind.RATE_LIMITED,
                429,
                RATE_LIMITED,
                "the agent's " + what + " per minute are used up",
                retryAfter,
                List.of());
    }

    /** Names the field and the detector, never the text: echoing it would repeat what the policy keeps out. */
    static TurnRefusedException contentBlocked(String field, String detector) {
        return new TurnRefusedException(
                ErrorKind.FAILED_PRECONDITION,
                422,
                CONTENT_BLOCKED,
                "the agent's safety policy blocks the " + field + " (" + detector + ")",
                null,
                List.of(new FieldError(field, "contains content the safety policy blocks: " + detector)));
    }

    public int httpStatus() {
        return httpStatus;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
