package dev.stoa.chat.domain;

import dev.stoa.chat.domain.model.AgentRuntime;
import dev.stoa.chat.domain.model.EventTypes;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.model.Message;
import dev.stoa.chat.domain.model.ModelTarget;
import dev.stoa.chat.domain.model.SafetyScan;
import dev.stoa.chat.domain.model.Turn;
import dev.stoa.chat.domain.model.TurnResult;
import dev.stoa.chat.domain.model.TurnStatus;
import dev.stoa.chat.domain.port.AgentRuntimes;
import dev.stoa.chat.domain.port.ChatEvents;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.chat.domain.port.ModelGateway;
import dev.stoa.chat.domain.port.ToolGateway;
import dev.stoa.common.error.StoaException;
import dev.stoa.memoryclient.MemoryBlock;
import dev.stoa.memoryclient.MemoryRecall;
import dev.stoa.memoryclient.Recall;
import dev.stoa.providers.ChatEvent;
import dev.stoa.providers.ChatMessage;
import dev.stoa.providers.ChatRequest;
import dev.stoa.providers.ProviderException;
import dev.stoa.providers.ToolCall;
import dev.stoa.providers.ToolSpec;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one turn to its end on its own (virtual) thread, whether or not anyone is listening: prompt, model stream
 * with fallback before the first token, the tool loop up to the step limit, then the turn's record, its
 * {@code TurnFinished} event and the usage report. Every step is an event in the conversation's log.
 *
 * <p>Each answer of the model is scanned with the agent's safety policy when it is complete, before it is stored or
 * goes back to the model. Under a policy that only flags model output its text streams as it comes; under one that
 * redacts or blocks it, the text is held back and sent once, scanned (redacted, or replaced by
 * {@link TurnSafety#WITHHELD} when blocked, which also ends the turn without running the answer's tool calls).
 */
public final class TurnEngine {
    private static final Logger log = LoggerFactory.getLogger(TurnEngine.class);

    private final ConversationRepository repository;
    private final ModelGateway models;
    private final ToolLoop tools;
    private final ChatEvents events;
    private final AgentRuntimes runtimes;
    private final TurnHub hub;
    private final TurnSafety safety;
    private final MemoryRecall memory;
    private final Clock clock;
    private final ChatSettings settings;

    public TurnEngine(
            ConversationRepository repository,
            ModelGateway models,
            ToolGateway tools,
            ChatEvents events,
            AgentRuntimes runtimes,
            TurnHub hub,
            TurnSafety safety,
            MemoryRecall memory,
            Clock clock,
            ChatSettings settings) {
        this.repository = repository;
        this.models = models;
        this.tools = new ToolLoop(tools, settings.toolTimeout());
        this.events = events;
        this.runtimes = runtimes;
        this.hub = hub;
        this.safety = safety;
        this.memory = memory;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * What a turn runs with: its row (its user message already scanned), the agent version, the request's context,
     * the caller's token and the agent's safety policy.
     */
    public record TurnRun(
            Turn turn,
            AgentRuntime runtime,
            JsonNode context,
            String callerToken,
            SafetyPolicy policy,
            TurnHub.Live live) {
        @Override
        public String toString() {
            return "TurnRun[turn=" + turn.id() + "]";
        }
    }

    /** Runs the turn; never throws (a failure is a {@code turn.failed} event and a failed turn). */
    public void run(TurnRun run) {
        Turn turn = run.turn();
        EventLog log = new EventLog(
                repository, run.live(), clock, turn.orgId(), turn.conversationId(), turn.id(), turn.firstSeq());
        TurnProgress progress = new TurnProgress();
        try {
            execute(run, log, progress);
        } catch (RuntimeException | Error e) {
            if (run.live().cancelled()) {
                finish(run, log, progress, TurnStatus.CANCELLED, null, null);
            } else {
                String code = e instanceof StoaException stoa ? stoa.code() : "internal_error";
                if (!(e instanceof ProviderException)) {
                    TurnEngine.log.error("turn {} failed", turn.id(), e);
                }
                String message = e instanceof StoaException ? e.getMessage() : "the turn failed unexpectedly";
                finish(run, log, progress, TurnStatus.FAILED, code, message);
            }
        } finally {
            hub.finished(run.live());
        }
    }

    private void execute(TurnRun run, EventLog log, TurnProgress progress) {
        Turn turn = run.turn();
        AgentRuntime runtime = run.runtime();
        log.emit(
                EventTypes.CONVERSATION,
                log.data()
                        .put("conversation_id", turn.conversationId())
                        .put("agent_id", turn.agentId())
                        .put("agent_version", turn.agentVersion()));
        // Once per turn, not per step: the facts hold for the whole turn, and a step may not wait on memory again.
        Recall recalled = memory.recall(turn.orgId(), turn.agentId(), turn.userId(), turn.userMessage());
        ObjectNode started = log.data().put("user_message", turn.userMessage());
        ObjectNode used = started.putObject("memory")
                .put("answered", recalled.answered())
                .put("enabled", recalled.enabled())
                .put("facts", recalled.facts().size());
        var factIds = used.putArray("fact_ids");
        recalled.factIds().forEach(factIds::add);
        log.emit(EventTypes.TURN_STARTED, started);

        String system =
                MemoryBlock.appendTo(PromptAssembler.system(runtime.systemPrompt(), run.context()), recalled.facts());
        List<Message> history = repository.messages(turn.orgId(), turn.conversationId());
        int window = runtime.modelChain().isEmpty()
                ? 0
                : runtime.modelChain().getFirst().contextWindow();
        List<ChatMessage> messages =
                new ArrayList<>(PromptAssembler.history(history, system, turn.userMessage(), window));
        progress.position = history.isEmpty() ? 0 : history.getLast().position() + 1;
        Message user = progress.message(turn, clock, Message.USER, turn.userMessage(), List.of(), null, null, false);
        repository.appendMessage(turn.orgId(), turn.conversationId(), user);
        messages.add(ChatMessage.user(turn.userMessage()));

        ToolGateway.Call call = new ToolGateway.Call(
                turn.orgId(),
                turn.agentId(),
                turn.agentVersion(),
                turn.conversationId(),
                turn.id(),
                turn.userId(),
                run.callerToken());
        List<ToolSpec> offered = tools.offered(call, turn.userMessage());
        run.live().onCancel(() -> progress.cancel(tools, call));

        for (int step = 1; ; step++) {
            boolean last = step >= settings.maxSteps();
            Step result = step(run, log, progress, system, messages, last ? List.of() : offered);
            if (run.live().cancelled()) {
                throw new CancellationException();
            }
            if (result.toolCalls().isEmpty() || last) {
                // The last step offers no tools, so it ends the turn with the model's answer (a model that calls
                // tools anyway is not obeyed).
                progress.stepLimitReached = last && step > 1 && !offered.isEmpty();
                progress.answer = result.text();
                break;
            }
            Message asked = progress.message(
                    turn, clock, Message.ASSISTANT, result.text(), result.toolCalls(), null, null, false);
            repository.appendMessage(turn.orgId(), turn.conversationId(), asked);
            messages.add(ChatMessage.assistant(result.text().isEmpty() ? null : result.text(), result.toolCalls()));
            progress.toolCalls += result.toolCalls().size();
            for (ToolLoop.Done done : tools.run(call, result.toolCalls(), log, run.live())) {
                Message answer = progress.message(
                        turn,
                        clock,
                        Message.TOOL,
                        done.modelContent(),
                        List.of(),
                        done.call().id(),
                        done.call().name(),
                        !done.outcome().ok());
                repository.appendMessage(turn.orgId(), turn.conversationId(), answer);
                messages.add(ChatMessage.toolResult(done.call().id(), done.modelContent()));
            }
            if (run.live().cancelled()) {
                throw new CancellationException();
            }
        }
        log.emit(
                EventTypes.USAGE,
                log.data()
                        .put("input_tokens", progress.inputTokens)
                        .put("output_tokens", progress.outputTokens)
                        .put("provider_id", progress.target == null ? null : progress.target.providerId())
                        .put("model", progress.target == null ? null : progress.target.model()));
        finish(run, log, progress, TurnStatus.COMPLETED, null, null);
    }

    /** One model call, streamed to the log as it comes; falls back along the chain until a first event arrives. */
    private Step step(
            TurnRun run,
            EventLog log,
            TurnProgress progress,
            String system,
            List<ChatMessage> messages,
            List<ToolSpec> offered) {
        List<ModelTarget> chain = run.runtime().modelChain();
        if (chain.isEmpty()) {
            throw new ProviderUnavailable("the agent has no model configured");
        }
        ModelGateway.ModelStream stream = null;
        ProviderException last = null;
        for (int i = 0; i < chain.size() && stream == null; i++) {
            ModelTarget target = chain.get(i);
            ChatRequest request =
                    new ChatRequest(target.model(), system.isBlank() ? null : system, messages, offered, null, null);
            try {
                stream = models.open(target, request);
                progress.fallbackTaken |= i > 0;
                progress.target = target;
            } catch (ProviderException e) {
                last = e;
                if (run.live().cancelled()) {
                    throw new CancellationException();
                }
                if (i + 1 < chain.size()) {
                    TurnEngine.log.info(
                            "turn {}: {} failed before its first token ({}); falling back to {}",
                            run.turn().id(),
                            target,
                            e.code(),
                            chain.get(i + 1));
                }
            }
        }
        if (stream == null) {
            throw last == null ? new ProviderUnavailable("no model answered") : last;
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        boolean hold = TurnSafety.holdsModelOutput(run.policy());
        progress.stream.set(stream);
        try (ModelGateway.ModelStream open = stream) {
            for (ChatEvent event : open) {
                if (run.live().cancelled()) {
                    break;
                }
                switch (event) {
                    case ChatEvent.TextDelta delta -> {
                        progress.firstToken();
                        text.append(delta.text());
                        if (!hold) {
                            log.emitDelta(log.data().put("text", delta.text()));
                        }
                    }
                    case ChatEvent.ToolCallComplete complete -> {
                        progress.firstToken();
                        ToolCall call = complete.call();
                        calls.add(call);
                        if (!hold) {
                            requested(log, call);
                        }
                    }
                    case ChatEvent.Usage usage -> {
                        progress.inputTokens += usage.inputTokens();
                        progress.outputTokens += usage.outputTokens();
                        ModelTarget answering = progress.target;
                        if (answering != null) {
                            progress.costMicros += answering.costMicros(usage.inputTokens(), usage.outputTokens());
                        }
                    }
                    case ChatEvent.Finished finished -> {
                        // The calls above tell whether to go on; the reason is not needed.
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!run.live().cancelled()) {
                throw e;
            }
        } finally {
            progress.stream.set(null);
        }
        if (run.live().cancelled()) {
            return new Step(text.toString(), calls);
        }
        return scanned(run, log, progress, text.toString(), calls, hold);
    }

    /** The answer as the policy lets it through; what {@code step} held back goes out now, once. */
    private Step scanned(
            TurnRun run, EventLog log, TurnProgress progress, String text, List<ToolCall> calls, boolean held) {
        ScanResult scan = safety.scan(text, Surface.MODEL_OUTPUT, run.policy());
        if (!scan.clean()) {
            Turn turn = run.turn();
            progress.findings.add(new SafetyScan(
                    turn.orgId(),
                    turn.agentId(),
                    turn.conversationId(),
                    turn.id(),
                    Surface.MODEL_OUTPUT,
                    scan,
                    clock.instant()));
        }
        // Only a held answer can be redacted or blocked: a policy that streams it only flags model output.
        String answer = scan.blocked() ? TurnSafety.WITHHELD : scan.text();
        List<ToolCall> kept = scan.blocked() ? List.of() : calls;
        if (held) {
            if (!answer.isEmpty()) {
                log.emitDelta(log.data().put("text", answer));
            }
            kept.forEach(call -> requested(log, call));
        }
        return new Step(answer, kept);
    }

    private static void requested(EventLog log, ToolCall call) {
        log.emit(
                EventTypes.TOOL_CALL_REQUESTED,
                log.data()
                        .put("call_id", call.id())
                        .put("name", call.name())
                        .set("arguments", ToolLoop.json(call.argumentsJson())));
    }

    private void finish(
            TurnRun run,
            EventLog log,
            TurnProgress progress,
            TurnStatus status,
            @Nullable String errorCode,
            @Nullable String errorMessage) {
        Turn turn = run.turn();
        Instant now = clock.instant();
        OffsetDateTime at = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        TurnResult result = new TurnResult(
                status,
                progress.answer,
                errorCode,
                progress.target == null ? null : progress.target.providerId(),
                progress.target == null ? null : progress.target.model(),
                progress.fallbackTaken,
                progress.inputTokens,
                progress.outputTokens,
                progress.costMicros,
                progress.toolCalls,
                progress.stepLimitReached,
                progress.firstTokenNanos == 0
                        ? null
                        : Duration.ofNanos(progress.firstTokenNanos - progress.startedNanos)
                                .toMillis(),
                Duration.ofNanos(System.nanoTime() - progress.startedNanos).toMillis());
        ObjectNode data = log.data();
        String type;
        switch (status) {
            case COMPLETED -> {
                type = EventTypes.TURN_COMPLETED;
                data.put("message", progress.answer)
                        .put("cost_micros", progress.costMicros)
                        .put("input_tokens", progress.inputTokens)
                        .put("output_tokens", progress.outputTokens)
                        .put("tool_calls", progress.toolCalls)
                        .put("step_limit_reached", progress.stepLimitReached)
                        .put("provider_id", result.providerId())
                        .put("model", result.model())
                        .put("fallback_taken", progress.fallbackTaken);
            }
            case CANCELLED -> type = EventTypes.TURN_CANCELLED;
            default -> {
                type = EventTypes.TURN_FAILED;
                data.put("code", errorCode).put("message", errorMessage);
            }
        }
        Message assistant = status == TurnStatus.COMPLETED
                ? progress.message(turn, clock, Message.ASSISTANT, progress.answer, List.of(), null, null, false)
                : null;
        LoggedEvent terminal = log.next(type, data);
        try {
            log.flush();
            repository.finishTurn(turn.orgId(), turn, result, assistant, terminal, at, () -> {
                events.turnFinished(turn, result, at, run.runtime().monthlyBudgetMicros());
                progress.findings.forEach(events::safetyFindings);
            });
            // The conversation is free before its terminal event goes out, so a client may follow up at once.
            hub.release(run.live());
            log.published(terminal);
        } catch (RuntimeException e) {
            TurnEngine.log.error("turn {} could not be recorded as {}", turn.id(), status.wire(), e);
        }
        long tokens = progress.inputTokens + progress.outputTokens;
        if (tokens > 0) {
            try {
                runtimes.recordUsage(turn.orgId(), turn.agentId(), 0, tokens);
            } catch (RuntimeException e) {
                TurnEngine.log.warn("usage of turn {} not reported: {}", turn.id(), e.getMessage());
            }
        }
    }

    private record Step(String text, List<ToolCall> toolCalls) {}

    /** Thrown inside the engine to unwind a cancelled turn. */
    private static final class CancellationException extends RuntimeException {
        CancellationException() {
            super("cancelled", null, false, false);
        }
    }

    /** No target of the chain could be used. */
    private static final class ProviderUnavailable extends StoaException {
        ProviderUnavailable(String message) {
            super(dev.stoa.common.error.ErrorKind.UNAVAILABLE, ProviderException.UNAVAILABLE, message);
        }
    }
}
