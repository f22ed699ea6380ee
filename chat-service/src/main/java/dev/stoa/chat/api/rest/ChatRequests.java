package dev.stoa.chat.api.rest;

import dev.stoa.web.validation.JsonObject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Request bodies of the Chat endpoints; unknown fields are refused. */
public final class ChatRequests {
    /** The longest message a turn takes (characters). */
    public static final int MAX_MESSAGE = 32_000;

    private ChatRequests() {}

    /**
     * A message to an agent. Without {@code conversation_id} a new conversation starts (on the version serving now,
     * canary applied); with one, the conversation goes on on the version it started with.
     *
     * @param userId the end user this conversation is for, when an API key speaks for its own users (ignored for a
     *     user's own token: a person chats as themselves)
     * @param context values of the prompt's {@code {{variables}}} (an object; dotted names reach into it)
     */
    public record SendMessage(
            @NotBlank @Size(max = MAX_MESSAGE) String message,

            @Nullable
            @Size(min = 1, max = 40)
            @Pattern(regexp = "cnv_[0-9a-z]{26}", message = "must be a conversation id")
            String conversationId,

            @Nullable @Size(min = 1, max = 200) String userId,
            @Nullable @JsonObject JsonNode context) {}
}
