package dev.stoa.providers;

import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Translates Anthropic's message_start ... message_stop events into chat events. */
final class AnthropicEventSource implements EventSource {
    private final StreamResponse<RawMessageStreamEvent> response;
    private final Iterator<RawMessageStreamEvent> events;
    private final Function<RuntimeException, ProviderException> errors;
    private final ArrayDeque<ChatEvent> ready = new ArrayDeque<>();
    private final Map<Long, PartialCall> calls = new HashMap<>();
    private @Nullable String stopReason;
    private long inputTokens;
    private long outputTokens;
    private boolean sawToolCalls;
    private boolean ended;

    AnthropicEventSource(
            StreamResponse<RawMessageStreamEvent> response, Function<RuntimeException, ProviderException> errors) {
        this.response = response;
        this.events = response.stream().iterator();
        this.errors = errors;
    }

    @Override
    public @Nullable ChatEvent next() {
        try {
            while (ready.isEmpty() && !ended) {
                if (!events.hasNext()) {
                    ended = true;
                    throw ProviderException.streamCut("the reply ended before message_stop", null);
                }
                accept(events.next());
            }
        } catch (ProviderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw errors.apply(e);
        }
        return ready.pollFirst();
    }

    private void accept(RawMessageStreamEvent event) {
        event.messageStart().ifPresent(start -> {
            inputTokens = start.message().usage().inputTokens();
            outputTokens = start.message().usage().outputTokens();
        });
        event.contentBlockStart().ifPresent(start -> start.contentBlock()
                .toolUse()
                .ifPresent(tool -> calls.put(start.index(), new PartialCall(tool.id(), tool.name()))));
        event.contentBlockDelta().ifPresent(delta -> {
            delta.delta().text().ifPresent(text -> ready.add(new ChatEvent.TextDelta(text.text())));
            delta.delta().inputJson().ifPresent(json -> {
                PartialCall call = calls.get(delta.index());
                if (call != null) {
                    call.arguments.append(json.partialJson());
                }
            });
        });
        event.contentBlockStop().ifPresent(stop -> {
            PartialCall call = calls.remove(stop.index());
            if (call != null) {
                sawToolCalls = true;
                String args = call.arguments.toString().isBlank() ? "{}" : call.arguments.toString();
                ready.add(new ChatEvent.ToolCallComplete(new ToolCall(call.id, call.name, args)));
            }
        });
        event.messageDelta().ifPresent(delta -> {
            delta.delta().stopReason().ifPresent(reason -> stopReason = reason.asString());
            outputTokens = delta.usage().outputTokens();
            delta.usage().inputTokens().ifPresent(tokens -> inputTokens = tokens);
        });
        if (event.isMessageStop()) {
            ended = true;
            ready.add(new ChatEvent.Usage(inputTokens, outputTokens));
            ready.add(new ChatEvent.Finished(Failures.finishReason(stopReason, sawToolCalls)));
        }
    }

    @Override
    public void close() {
        response.close();
    }

    /** A tool_use block whose input JSON is still arriving. */
    private static final class PartialCall {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        PartialCall(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
