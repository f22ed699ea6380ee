package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.Message;
import dev.stoa.providers.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Assembles what the model sees: the system prompt with {@code {{variables}}} filled from the request's context
 * (dotted paths reach into objects; a variable the context lacks stays as written), then the conversation history
 * within the model's context window, dropping the oldest turns first.
 */
final class PromptAssembler {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");
    /** A rough token estimate (4 characters a token) is enough to stay inside a window with headroom. */
    private static final int CHARS_PER_TOKEN = 4;

    private PromptAssembler() {}

    static String system(String template, JsonNode context) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = context;
            for (String part : matcher.group(1).split("\\.")) {
                value = value.path(part);
            }
            String replacement = value.isMissingNode() || value.isNull()
                    ? matcher.group()
                    : value.isValueNode() ? value.asString() : value.toString();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * The history as chat messages, without the oldest turns that do not fit in {@code contextWindow} tokens
     * (0: unknown, keep all) once the system prompt, the new message and a quarter of the window for the answer are
     * set aside. A turn is dropped whole, so a tool result never loses the call it answers.
     */
    static List<ChatMessage> history(List<Message> history, String system, String newMessage, int contextWindow) {
        List<List<Message>> turns = new ArrayList<>();
        String current = null;
        for (Message message : history) {
            if (!message.turnId().equals(current)) {
                turns.add(new ArrayList<>());
                current = message.turnId();
            }
            turns.getLast().add(message);
        }
        if (contextWindow > 0) {
            long budget = contextWindow - contextWindow / 4L - tokens(system) - tokens(newMessage);
            long used = turns.stream().mapToLong(PromptAssembler::tokens).sum();
            while (!turns.isEmpty() && used > budget) {
                used -= tokens(turns.removeFirst());
            }
        }
        List<ChatMessage> out = new ArrayList<>();
        for (List<Message> turn : turns) {
            for (Message message : turn) {
                out.add(toChat(message));
            }
        }
        return out;
    }

    static ChatMessage toChat(Message message) {
        return switch (message.role()) {
            case Message.USER -> ChatMessage.user(text(message));
            case Message.TOOL -> ChatMessage.toolResult(String.valueOf(message.toolCallId()), text(message));
            default ->
                message.toolCalls().isEmpty()
                        ? ChatMessage.assistant(text(message))
                        : ChatMessage.assistant(message.content(), message.toolCalls());
        };
    }

    private static String text(Message message) {
        return message.content() == null ? "" : message.content();
    }

    private static long tokens(List<Message> turn) {
        long sum = 0;
        for (Message message : turn) {
            sum += tokens(text(message)) + 4;
            for (var call : message.toolCalls()) {
                sum += tokens(call.name()) + tokens(call.argumentsJson());
            }
        }
        return sum;
    }

    private static long tokens(String text) {
        return (text.length() + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
