package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.Message;
import dev.stoa.chat.domain.model.ModelTarget;
import dev.stoa.chat.domain.model.SafetyScan;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.port.ModelGateway;
import dev.stoa.chat.domain.port.ToolGateway;
import dev.stoa.common.id.Ids;
import dev.stoa.providers.ToolCall;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** What a turn has done so far, and the messages it adds at their positions. */
final class TurnProgress {
    final long startedNanos = System.nanoTime();
    final AtomicReference<ModelGateway.@Nullable ModelStream> stream = new AtomicReference<>();
    long firstTokenNanos;

    @Nullable
    ModelTarget target;

    boolean fallbackTaken;
    long inputTokens;
    long outputTokens;
    long costMicros;
    int toolCalls;
    int position;
    boolean stepLimitReached;
    String answer = "";
    /** What the scans of the model's answers found, published with the turn's end. */
    final List<SafetyScan> findings = new ArrayList<>();

    void firstToken() {
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
        }
    }

    /** Stops what is running now: the provider stream and any tool calls. */
    void cancel(ToolLoop tools, ToolGateway.Call call) {
        ModelGateway.ModelStream open = stream.get();
        if (open != null) {
            open.close();
        }
        tools.cancelAll(call);
    }

    /** The turn's next message, numbered after the ones before it. */
    Message message(
            Turn turn,
            Clock clock,
            String role,
            @Nullable String content,
            List<ToolCall> calls,
            @Nullable String toolCallId,
            @Nullable String toolName,
            boolean error) {
        return new Message(
                Ids.generate("msg"),
                turn.id(),
                position++,
                role,
                content,
                calls,
                toolCallId,
                toolName,
                error,
                OffsetDateTime.now(clock));
    }
}
