package dev.stoa.tools.domain;

import dev.stoa.common.id.Ids;
import dev.stoa.tools.domain.model.CallContext;
import dev.stoa.tools.domain.model.CallOutcome;
import dev.stoa.tools.domain.model.ExposedTool;
import dev.stoa.tools.domain.model.McpEndpoint;
import dev.stoa.tools.domain.model.McpToken;
import dev.stoa.tools.domain.port.ChatTurns;
import dev.stoa.tools.domain.port.McpEndpointRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The use cases of the MCP gateway ({@code /mcp/{org}/{endpoint_id}}): who may use an endpoint, what it exposes, and
 * its tool calls, which go the way of every call (safety, schema, tool-call events, health). In this slice a client
 * authenticates with a personal access token of the endpoint's org, on an endpoint whose auth modes include
 * {@code pat}; the path's org segment must be the token's org id. An exposed agent is a tool whose call runs one
 * chat turn (a new conversation) through chat-service.
 */
@Service
public final class McpGateway {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final McpTokens tokens;
    private final McpEndpointRepository endpoints;
    private final McpEndpoints exposure;
    private final ToolDispatcher dispatcher;
    private final ChatTurns chat;
    private final Clock clock;
    // an agent's turn blocks on chat's answer: one virtual thread each
    private final ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor();

    /** How long an agent's turn may take. */
    public static final Duration AGENT_TIMEOUT = Duration.ofMinutes(5);

    public McpGateway(
            McpTokens tokens,
            McpEndpointRepository endpoints,
            McpEndpoints exposure,
            ToolDispatcher dispatcher,
            ChatTurns chat,
            Clock clock) {
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.exposure = exposure;
        this.dispatcher = dispatcher;
        this.chat = chat;
        this.clock = clock;
    }

    /** A client admitted to an endpoint, and the token that admitted it. */
    public record Admitted(McpEndpoint endpoint, McpToken token) {}

    /** The endpoint at {@code /mcp/{orgRef}/{endpointId}} when {@code bearer} admits its client; empty otherwise. */
    public Optional<Admitted> admit(String bearer, String orgRef, String endpointId) {
        Instant now = clock.instant();
        return tokens.lookup(bearer)
                .filter(t -> t.orgId().equals(orgRef) && t.admits(orgRef, endpointId, now))
                .flatMap(t -> endpoints
                        .find(t.orgId(), endpointId)
                        .filter(e -> e.authModes().contains(McpEndpoint.AUTH_PAT))
                        .map(e -> new Admitted(e, t)));
    }

    /** The endpoint as stored now (its exposed tools may have changed). */
    public Optional<McpEndpoint> current(McpEndpoint endpoint) {
        return endpoints.find(endpoint.orgId(), endpoint.id());
    }

    /** The tools the gateway offers for the endpoint: its exposed tools and agents. */
    public List<ExposedTool> tools(McpEndpoint endpoint) {
        return exposure.exposed(endpoint);
    }

    /** Calls an exposed tool for a client of the endpoint; the listener hears progress, the future the outcome. */
    public CompletableFuture<CallOutcome> call(
            Admitted admitted, ExposedTool tool, String argumentsJson, ProgressListener progress) {
        if (ExposedTool.KIND_AGENT.equals(tool.kind())) {
            return CompletableFuture.supplyAsync(() -> ask(admitted, tool, argumentsJson), turns);
        }
        CompletableFuture<CallOutcome> outcome = new CompletableFuture<>();
        CallContext context =
                new CallContext("", 0, "", Ids.generate("trn"), admitted.token().userId());
        dispatcher.invokeExposed(
                admitted.endpoint().orgId(),
                context,
                Ids.generate("mcl"),
                Objects.requireNonNull(tool.tool()),
                argumentsJson,
                new CallListener() {
                    @Override
                    public void started(String toolId, String source) {}

                    @Override
                    public void awaitingApproval(String approvalId, Instant expiresAt) {}

                    @Override
                    public void progress(double fraction, String message) {
                        progress.progress(fraction, message);
                    }

                    @Override
                    public void finished(CallOutcome result) {
                        outcome.complete(result);
                    }
                });
        return outcome;
    }

    private CallOutcome ask(Admitted admitted, ExposedTool tool, String argumentsJson) {
        long started = System.nanoTime();
        String message = JSON.readTree(argumentsJson).path("message").asString("");
        if (message.isBlank()) {
            return CallOutcome.failed("failed", "invalid_arguments", "message must not be blank", false, 0);
        }
        ChatTurns.Answer answer = chat.ask(
                admitted.endpoint().orgId(),
                Objects.requireNonNull(tool.agentId()),
                message,
                admitted.token().userId(),
                Ids.generate("mcp"),
                AGENT_TIMEOUT);
        long latency = (System.nanoTime() - started) / 1_000_000;
        if (!"completed".equals(answer.status())) {
            return CallOutcome.failed(
                    "failed",
                    Objects.requireNonNullElse(answer.errorCode(), answer.status()),
                    Objects.requireNonNullElse(answer.errorMessage(), "the agent's turn did not complete"),
                    true,
                    latency);
        }
        return CallOutcome.succeeded(
                JSON.writeValueAsString(
                        java.util.Map.of("answer", answer.output(), "conversation_id", answer.conversationId())),
                latency);
    }

    /** Progress of one gateway call. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(double fraction, String message);
    }
}
