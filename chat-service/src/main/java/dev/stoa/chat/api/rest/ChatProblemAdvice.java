package dev.stoa.chat.api.rest;

import dev.stoa.chat.domain.TurnRefusedException;
import dev.stoa.web.error.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The turn refusals the shared problem mapping has no status for: 402 {@code budget_exceeded}, 429
 * {@code rate_limited} with {@code Retry-After} (whole seconds), and 422 {@code content_blocked} naming the field.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ChatProblemAdvice {
    private final ProblemWriter writer;

    public ChatProblemAdvice(ProblemWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(TurnRefusedException.class)
    public void refused(TurnRefusedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (e.retryAfter() != null) {
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
        }
        writer.write(
                response,
                writer.problem(
                        request,
                        e.httpStatus(),
                        e.code(),
                        String.valueOf(e.getMessage()),
                        e.retryable(),
                        e.fieldErrors()));
    }
}
