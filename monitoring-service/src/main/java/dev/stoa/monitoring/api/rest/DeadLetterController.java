package dev.stoa.monitoring.api.rest;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.DeadLetterService;
import dev.stoa.monitoring.domain.model.DeadLetter;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The org's dead letters: its events that monitoring could not process after retrying (admins and owners; API keys
 * need monitoring:read). A replay publishes the event unchanged to its topic again.
 */
@RestController
@Validated
@RequestMapping("/api/v1/monitoring/dead-letters")
@Tag(name = "Monitoring")
public class DeadLetterController {
    private final DeadLetterService deadLetters;

    public DeadLetterController(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    @Operation(
            operationId = "listDeadLetters",
            summary =
                    "Events of the org that could not be processed, newest first (the event's content is never shown).")
    @ProblemResponse(status = 400, description = "limit or cursor is invalid.")
    public PageResponse<DeadLetterView> list(
            Principal principal,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 700) String cursor) {
        return PageResponse.of(
                deadLetters.list(principal, PageRequest.of(limit, cursor)).map(DeadLetterView::of));
    }

    @PostMapping("/{dead_letter_id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "replayDeadLetter",
            summary = "Publishes the event again to its topic; it is processed once however often it is replayed.")
    @ProblemResponse(status = 404, description = "No dead letter with this id in the caller's org.")
    @ProblemResponse(status = 503, description = "kafka_unavailable: the event could not be published; try later.")
    public DeadLetterView replay(Principal principal, @PathVariable("dead_letter_id") String deadLetterId) {
        return DeadLetterView.of(deadLetters.replay(principal, deadLetterId));
    }

    /** A dead letter as the API shows it: where it came from and why it failed, never its content. */
    public record DeadLetterView(
            String id,
            String topic,
            int partition,
            long offset,

            @Schema(description = "The CloudEvent id, when the record had one.") @Nullable
            String eventId,

            @Schema(description = "The CloudEvent type, when the record had one.") @Nullable
            String eventType,

            @Schema(description = "Why it failed; names the event and the problem, never its content.")
            String error,

            int sizeBytes,
            OffsetDateTime deadLetteredAt,
            int replayCount,
            @Nullable OffsetDateTime lastReplayedAt) {
        static DeadLetterView of(DeadLetter d) {
            return new DeadLetterView(
                    d.id(),
                    d.topic(),
                    d.partition(),
                    d.offset(),
                    d.eventId(),
                    d.eventType(),
                    d.error(),
                    d.sizeBytes(),
                    d.deadLetteredAt(),
                    d.replayCount(),
                    d.lastReplayedAt());
        }
    }
}
