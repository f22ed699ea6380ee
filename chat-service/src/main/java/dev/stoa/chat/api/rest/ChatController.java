package dev.stoa.chat.api.rest;

import dev.stoa.chat.api.rest.ChatRequests.SendMessage;
import dev.stoa.chat.api.rest.ChatViews.CancelView;
import dev.stoa.chat.domain.ChatService;
import dev.stoa.chat.domain.ChatService.ChatInput;
import dev.stoa.chat.domain.ChatService.Started;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The Chat group: a message to an agent answered as a stream of events (SSE), resuming a conversation's stream, and
 * cancelling a turn. Event types and their data are in docs/chat-events.md.
 */
@RestController
@Tag(name = "Chat")
public class ChatController {
    static final String EVENT_STREAM = "text/event-stream";
    private static final int MAX_KEY = 255;

    private final ChatService chat;

    public ChatController(ChatService chat) {
        this.chat = chat;
    }

    @PostMapping("/api/v1/agents/{agent_id}/chat")
    @Operation(
            operationId = "chat",
            summary = "Send a message to an agent; the answer streams as Server-Sent Events (see docs/chat-events.md)."
                    + " The turn runs to its end even if the client goes away. A retry with the same Idempotency-Key"
                    + " attaches to the same turn (from Last-Event-ID when given) instead of starting another."
                    + " The agent's safety policy applies to the message before anything is stored (block: 422"
                    + " content_blocked; redact: the turn runs on the message with [REDACTED:<detector>] in place of"
                    + " each finding) and to each answer of the model: while the policy redacts or blocks model"
                    + " output, an answer's text is not streamed piece by piece but sent as one text.delta once it is"
                    + " complete and scanned (redacted, or replaced by \"[response withheld by the safety policy]\""
                    + " when blocked, which ends the turn normally).",
            parameters = {
                @Parameter(
                        name = "Idempotency-Key",
                        in = ParameterIn.HEADER,
                        description = "Makes the request safe to retry: the same key streams the same turn.",
                        schema = @Schema(type = "string", maxLength = MAX_KEY)),
                @Parameter(
                        name = "Last-Event-ID",
                        in = ParameterIn.HEADER,
                        description = "With a retried Idempotency-Key: resume after this event id.",
                        schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            })
    @ApiResponse(
            responseCode = "200",
            description = "The turn's events, each with an id (the conversation's event sequence).",
            content = @Content(mediaType = EVENT_STREAM, schema = @Schema(implementation = ChatEventDoc.class)))
    @ProblemResponse(status = 402, description = "budget_exceeded: the agent's monthly budget is spent.")
    @ProblemResponse(status = 404, description = "No such agent or conversation in the caller's org.")
    @ProblemResponse(
            status = 422,
            description = "content_blocked: the agent's safety policy blocks what the message contains (the error"
                    + " names the field and the detector, e.g. payment_card; nothing of the turn is stored).")
    @ProblemResponse(
            status = 409,
            description = "agent_paused: the agent takes no turns; turn_in_progress: the conversation has a turn"
                    + " running; idempotency_key_reused: the key started a turn of another agent.")
    @ProblemResponse(
            status = 429,
            description = "rate_limited: the agent's requests or tokens per minute are used up (see Retry-After).")
    public ResponseEntity<StreamingResponseBody> chat(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId,
            @Valid @RequestBody SendMessage body) {
        String key = idempotencyKey(idempotencyKey);
        long resumeAfter = lastEventId == null ? -1 : eventId("Last-Event-ID", lastEventId);
        JsonNode context = body.context() == null ? JsonNodeFactory.instance.objectNode() : body.context();
        Started started = chat.start(
                principal,
                agentId,
                new ChatInput(
                        "",
                        0,
                        body.message(),
                        body.conversationId(),
                        body.userId() == null ? "" : body.userId(),
                        context,
                        key,
                        callerToken(),
                        "message"));
        if (resumeAfter > started.afterSeq()) {
            started = new Started(started.conversationId(), started.turnId(), resumeAfter, started.orgId());
        }
        return stream(started);
    }

    @GetMapping("/api/v1/conversations/{conversation_id}/events")
    @Operation(
            operationId = "streamConversationEvents",
            summary = "Replay a conversation's events after an id (Last-Event-ID header or the after parameter) from"
                    + " its log, then follow the turn running now until it ends; never calls the model again.")
    @ApiResponse(
            responseCode = "200",
            description = "The conversation's events after the given id.",
            content = @Content(mediaType = EVENT_STREAM, schema = @Schema(implementation = ChatEventDoc.class)))
    @ProblemResponse(status = 404, description = "No such conversation in the caller's org.")
    public ResponseEntity<StreamingResponseBody> events(
            Principal principal,
            @PathVariable("conversation_id") String conversationId,
            @RequestParam(name = "after", required = false) @Nullable String after,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        long from = lastEventId != null
                ? eventId("Last-Event-ID", lastEventId)
                : after != null ? eventId("after", after) : 0;
        return stream(chat.resume(principal, conversationId, from));
    }

    @PostMapping("/api/v1/conversations/{conversation_id}/turns/{turn_id}/cancel")
    @Operation(
            operationId = "cancelTurn",
            summary = "Cancel a running turn: its provider stream and pending tool calls stop, and its stream ends"
                    + " with turn.cancelled. A finished turn is left as it is (its status is returned).")
    @ProblemResponse(status = 404, description = "No such turn in this conversation of the caller's org.")
    public CancelView cancel(
            Principal principal,
            @PathVariable("conversation_id") String conversationId,
            @PathVariable("turn_id") String turnId) {
        return new CancelView(
                turnId, chat.cancel(principal, conversationId, turnId).wire());
    }

    private ResponseEntity<StreamingResponseBody> stream(Started started) {
        StreamingResponseBody body = out -> {
            try {
                chat.follow(started, new SseSink(out));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The client went away; the turn goes on, and the client may resume from its last id.
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(EVENT_STREAM))
                .cacheControl(CacheControl.noStore())
                .header("X-Accel-Buffering", "no")
                .header("X-Conversation-Id", started.conversationId())
                .body(body);
    }

    private static @Nullable String idempotencyKey(@Nullable String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidInputException("Idempotency-Key", "must be 1 to " + MAX_KEY + " visible ASCII characters");
        }
        return key;
    }

    private static long eventId(String field, String value) {
        try {
            long id = Long.parseLong(value.trim());
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException(field, "must be a non-negative event id");
    }

    /** The caller's platform token, which the turn forwards to tool-router for its tool calls. */
    static String callerToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
            return token.getToken().getTokenValue();
        }
        return "";
    }
}
