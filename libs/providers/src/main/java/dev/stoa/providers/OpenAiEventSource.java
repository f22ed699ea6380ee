package dev.stoa.providers;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Translates {@code chat.completion.chunk}s into chat events, assembling tool calls from their pieces by index. */
final class OpenAiEventSource implements EventSource {
    private final StreamResponse<ChatCompletionChunk> response;
    private final Iterator<ChatCompletionChunk> chunks;
    private final Function<RuntimeException, ProviderException> errors;
    private final ArrayDeque<ChatEvent> ready = new ArrayDeque<>();
    private final Map<Long, PartialCall> calls = new TreeMap<>();
    private @Nullable String finishReason;
    private long inputTokens;
    private long outputTokens;
    private boolean ended;
    private boolean sawToolCalls;

    OpenAiEventSource(
            StreamResponse<ChatCompletionChunk> response, Function<RuntimeException, ProviderException> errors) {
        this.response = response;
        this.chunks = response.stream().iterator();
        this.errors = errors;
    }

    @Override
    public @Nullable ChatEvent next() {
        try {
            while (ready.isEmpty() && !ended) {
                if (chunks.hasNext()) {
                    accept(chunks.next());
                } else {
                    finish();
                }
            }
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.apply(e);
        }
        return ready.pollFirst();
    }

    private void accept(ChatCompletionChunk chunk) {
        chunk.usage().ifPresent(usage -> {
            inputTokens = usage.promptTokens();
            outputTokens = usage.completionTokens();
        });
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
            ChatCompletionChunk.Choice.Delta delta = choice.delta();
            delta.content().filter(text -> !text.isEmpty()).ifPresent(text -> ready.add(new ChatEvent.TextDelta(text)));
            delta.toolCalls()
                    .ifPresent(pieces -> pieces.forEach(piece -> {
                        PartialCall call = calls.computeIfAbsent(piece.index(), i -> new PartialCall());
                        piece.id().ifPresent(id -> call.id = id);
                        piece.function().ifPresent(f -> {
                            f.name().ifPresent(name -> call.name = name);
                            f.arguments().ifPresent(call.arguments::append);
                        });
                    }));
            choice.finishReason().ifPresent(reason -> {
                finishReason = reason.asString();
                flushCalls();
            });
        }
    }

    private void flushCalls() {
        calls.values().forEach(call -> ready.add(new ChatEvent.ToolCallComplete(call.complete())));
        calls.clear();
    }

    private void finish() {
        ended = true;
        if (finishReason == null) {
            throw ProviderException.streamCut("the reply ended without a finish reason", null);
        }
        ready.add(new ChatEvent.Usage(inputTokens, outputTokens));
        ready.add(new ChatEvent.Finished(Failures.finishReason(finishReason, sawToolCalls)));
    }

    @Override
    public void close() {
        response.close();
    }

    /** A tool call whose pieces are still arriving. */
    private final class PartialCall {
        String id = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();

        ToolCall complete() {
            sawToolCalls = true;
            String args = arguments.toString().isBlank() ? "{}" : arguments.toString();
            // Some compatible servers (older llama.cpp) send no ids; the conversation still needs one to answer.
            String callId = id.isEmpty() ? "call_" + java.util.UUID.randomUUID() : id;
            return new ToolCall(callId, name, args);
        }
    }
}
