package dev.stoa.chat.api.rest;

import dev.stoa.chat.api.rest.ChatViews.ConversationDetailView;
import dev.stoa.chat.api.rest.ChatViews.ConversationView;
import dev.stoa.chat.api.rest.ChatViews.MessageView;
import dev.stoa.chat.domain.ConversationService;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.page.PageRequest;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Conversations group: an agent's conversations, one with its messages, and deleting one. */
@RestController
@Tag(name = "Conversations")
public class ConversationController {
    private final ConversationService conversations;

    public ConversationController(ConversationService conversations) {
        this.conversations = conversations;
    }

    @GetMapping("/api/v1/agents/{agent_id}/conversations")
    @Operation(
            operationId = "listConversations",
            summary = "List an agent's conversations, newest first; user_id narrows to one end user.")
    public PageResponse<ConversationView> list(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestParam(name = "user_id", required = false) @Nullable @Size(min = 1, max = 205) String userId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(conversations
                .list(principal, agentId, userId, PageRequest.of(limit, cursor))
                .map(ConversationView::of));
    }

    @GetMapping("/api/v1/conversations/{conversation_id}")
    @Operation(
            operationId = "getConversation",
            summary = "Get a conversation with its messages, tool calls and tool results included.")
    @ProblemResponse(status = 404, description = "No such conversation in the caller's org.")
    public ConversationDetailView get(Principal principal, @PathVariable("conversation_id") String conversationId) {
        ConversationService.WithMessages found = conversations.get(principal, conversationId);
        return new ConversationDetailView(
                ConversationView.of(found.conversation()),
                found.messages().stream().map(MessageView::of).toList());
    }

    @DeleteMapping("/api/v1/conversations/{conversation_id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteConversation",
            summary = "Delete a conversation with its messages and events; memory and monitoring are told to forget"
                    + " it (ConversationDeleted). A running turn is cancelled.")
    @ProblemResponse(status = 404, description = "No such conversation in the caller's org.")
    public void delete(Principal principal, @PathVariable("conversation_id") String conversationId) {
        conversations.delete(principal, conversationId);
    }
}
