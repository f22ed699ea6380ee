package dev.stoa.chat.domain;

import dev.stoa.chat.domain.ChatService.ChatInput;
import dev.stoa.chat.domain.ChatService.Started;
import dev.stoa.chat.domain.model.AgentRuntime;
import dev.stoa.chat.domain.model.EventTypes;
import dev.stoa.chat.domain.model.LoggedEvent;
import dev.stoa.chat.domain.port.AgentRuntimes;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.id.Ids;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Typed invoke: the input is validated against the agent's input schema (422 {@code input_invalid} with JSON-pointer
 * errors), a turn runs to its end, and its answer must be JSON valid against the output schema. The model is asked
 * for JSON matching the schema; an answer that does not validate gets one repair turn (the errors are shown to the
 * model), and if that still fails the call fails with 422 {@code output_invalid} — never a silently wrong output.
 */
public final class InvokeService {
    private final ChatService chat;
    private final AgentRuntimes runtimes;

    public InvokeService(ChatService chat, AgentRuntimes runtimes) {
        this.chat = chat;
        this.runtimes = runtimes;
    }

    /** The output of an invoke, and the turns it took (1, or 2 with a repair). */
    public record Output(
            JsonNode output, String conversationId, String turnId, int agentVersion, long costMicros, int turns) {}

    public Output invoke(Principal principal, String agentId, JsonNode input, JsonNode context, String callerToken) {
        String orgId = Access.org(principal, Access.CHAT_WRITE);
        AgentRuntime runtime = runtimes.serving(orgId, agentId, Ids.generate("inv"));
        String ask = ask(runtime, input);
        Turn first = run(principal, orgId, agentId, runtime.version(), null, ask, context, callerToken);
        Check checked = check(runtime, first.text());
        if (checked.errors().isEmpty()) {
            return output(checked, first, runtime, first.cost(), 1);
        }
        String repair = "Your answer did not validate: " + describe(checked.errors())
                + ". Answer again with only the corrected JSON value.";
        Turn second =
                run(principal, orgId, agentId, runtime.version(), first.conversationId(), repair, context, callerToken);
        Check repaired = check(runtime, second.text());
        if (repaired.errors().isEmpty()) {
            return output(repaired, second, runtime, first.cost() + second.cost(), 2);
        }
        throw new StoaException(
                ErrorKind.FAILED_PRECONDITION,
                "output_invalid",
                "the agent's answer did not match its output schema, also after one repair attempt",
                false,
                repaired.errors(),
                null);
    }

    /**
     * The message that asks one agent version (0: the version serving new conversations) for a typed answer to
     * {@code input}, once the input is checked against the version's input schema: chat's gRPC runs typed turns with
     * it (eval's typed cases). {@code requestedOrgId} is the org a service caller acts for.
     */
    public String typedMessage(
            Principal principal, String requestedOrgId, String agentId, int version, JsonNode input) {
        String orgId = Access.org(principal, Access.CHAT_WRITE, requestedOrgId);
        AgentRuntime runtime = version > 0
                ? runtimes.version(orgId, agentId, version)
                : runtimes.serving(orgId, agentId, Ids.generate("inv"));
        return ask(runtime, input);
    }

    /** The typed question for {@code runtime}: 422 {@code input_invalid} when the input breaks its input schema. */
    private static String ask(AgentRuntime runtime, JsonNode input) {
        String inputJson = input.toString();
        List<StoaException.FieldError> inputErrors = SchemaCheck.errors(runtime.inputSchemaJson(), inputJson);
        if (!inputErrors.isEmpty()) {
            throw new StoaException(
                    ErrorKind.FAILED_PRECONDITION,
                    "input_invalid",
                    "the input does not match the agent's input schema",
                    false,
                    inputErrors,
                    null);
        }
        return "Input (JSON): " + inputJson + "\n\nAnswer with only one JSON value, no prose and no code fence"
                + (runtime.outputSchemaJson().isBlank()
                        ? "."
                        : ", that validates against this JSON Schema: " + runtime.outputSchemaJson());
    }

    private static Output output(Check checked, Turn turn, AgentRuntime runtime, long cost, int turns) {
        return new Output(
                java.util.Objects.requireNonNull(checked.value()),
                turn.conversationId(),
                turn.turnId(),
                runtime.version(),
                cost,
                turns);
    }

    private record Check(@Nullable JsonNode value, List<StoaException.FieldError> errors) {}

    private static Check check(AgentRuntime runtime, String answer) {
        String json = stripFence(answer);
        JsonNode value;
        try {
            value = EventLog.JSON.readTree(json);
        } catch (JacksonException e) {
            return new Check(null, List.of(new StoaException.FieldError("/", "is not valid JSON")));
        }
        if (value == null || value.isMissingNode()) {
            return new Check(null, List.of(new StoaException.FieldError("/", "is empty")));
        }
        return new Check(value, SchemaCheck.errors(runtime.outputSchemaJson(), json));
    }

    /** Models like to wrap JSON in a Markdown fence even when told not to; the fence is not part of the answer. */
    public static String stripFence(String answer) {
        String text = answer.strip();
        if (text.startsWith("```")) {
            int newline = text.indexOf('\n');
            int end = text.lastIndexOf("```");
            if (newline > 0 && end > newline) {
                return text.substring(newline + 1, end).strip();
            }
        }
        return text;
    }

    private static String describe(List<StoaException.FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
    }

    private record Turn(String conversationId, String turnId, String text, long cost) {}

    /** Runs one turn to its end and returns its answer; a failed turn fails the invoke with the turn's code. */
    private Turn run(
            Principal principal,
            String orgId,
            String agentId,
            int version,
            @Nullable String conversationId,
            String message,
            JsonNode context,
            String callerToken) {
        Started started = chat.start(
                principal,
                agentId,
                new ChatInput(orgId, version, message, conversationId, "", context, null, callerToken, "input"));
        LoggedEvent[] terminal = new LoggedEvent[1];
        try {
            chat.follow(started, new EventFollower.Sink() {
                @Override
                public void send(LoggedEvent event) {
                    if (event.terminal()) {
                        terminal[0] = event;
                    }
                }

                @Override
                public void keepAlive() {
                    // nobody to keep alive: the caller waits for the whole answer
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory sink cannot fail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoaException(ErrorKind.UNAVAILABLE, "interrupted", "the invoke was interrupted");
        }
        LoggedEvent end = terminal[0];
        if (end == null) {
            throw new StoaException(ErrorKind.UNAVAILABLE, "turn_lost", "the turn ended without a result");
        }
        JsonNode data = EventLog.JSON.readTree(end.data());
        if (!EventTypes.TURN_COMPLETED.equals(end.type())) {
            String code = data.path("code").asString("turn_cancelled");
            throw new StoaException(
                    ErrorKind.UNAVAILABLE, code, data.path("message").asString("the turn did not complete"));
        }
        return new Turn(
                started.conversationId(),
                String.valueOf(started.turnId()),
                data.path("message").asString(""),
                data.path("cost_micros").asLong());
    }
}
