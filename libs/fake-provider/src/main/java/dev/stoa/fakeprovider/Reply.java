package dev.stoa.fakeprovider;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One scripted assistant reply: text (streamed as word tokens), then zero or more tool calls (arguments streamed in
 * pieces), with usage either set explicitly or derived from the text length.
 */
public record Reply(
        String text,
        List<ToolCall> toolCalls,
        @Nullable Long inputTokens,
        @Nullable Long outputTokens) {
    private static final Pattern WORD = Pattern.compile("\\s*\\S+\\s*$|\\s*\\S+");
    private static final int ARGUMENT_PIECE = 8;

    public Reply {
        toolCalls = List.copyOf(toolCalls);
    }

    /** A plain text reply. */
    public static Reply text(String text) {
        return new Reply(text, List.of(), null, null);
    }

    /** A reply that is only a tool call. */
    public static Reply toolCall(String name, String argumentsJson) {
        return text("").thenToolCall(name, argumentsJson);
    }

    /** This reply followed by a tool call in the same assistant turn. */
    public Reply thenToolCall(String name, String argumentsJson) {
        List<ToolCall> calls = new ArrayList<>(toolCalls);
        calls.add(new ToolCall(name, argumentsJson));
        return new Reply(text, calls, inputTokens, outputTokens);
    }

    /** This reply with explicit usage numbers instead of derived ones. */
    public Reply withUsage(long input, long output) {
        return new Reply(text, toolCalls, input, output);
    }

    /** The text split into word tokens whose concatenation is the text. */
    List<String> textTokens() {
        List<String> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        int end = 0;
        while (m.find()) {
            tokens.add(m.group());
            end = m.end();
        }
        if (end < text.length()) {
            tokens.add(text.substring(end));
        }
        return tokens;
    }

    long effectiveOutputTokens() {
        if (outputTokens != null) {
            return outputTokens;
        }
        long count = textTokens().size();
        for (ToolCall call : toolCalls) {
            count += call.argumentPieces().size();
        }
        return Math.max(1, count);
    }

    /** A tool call the fake model makes. */
    public record ToolCall(String name, String argumentsJson) {
        /** The arguments cut into small pieces, as real providers stream them. */
        List<String> argumentPieces() {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < argumentsJson.length(); i += ARGUMENT_PIECE) {
                pieces.add(argumentsJson.substring(i, Math.min(argumentsJson.length(), i + ARGUMENT_PIECE)));
            }
            return pieces;
        }
    }
}
