package dev.stoa.tools.domain;

import dev.stoa.common.id.Ids;
import dev.stoa.tools.domain.model.CallContext;
import dev.stoa.tools.domain.model.CallOutcome;
import dev.stoa.tools.domain.model.ExposedTool;
import dev.stoa.tools.domain.model.McpEndpoint;
import dev.stoa.tools.domain.model.McpToken;
import dev.stoa.tools.domain.port.McpEndpointRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Service;

/**
 * The use cases of the MCP gateway ({@code /mcp/{org}/{endpoint_id}}): who may use an endpoint, what it exposes, and
 * its tool calls, which go the way of every call (safety, schema, tool-call events, health). In this slice a client
 * authenticates with a personal access token of the endpoint's org, on an endpoint whose auth modes include
 * {@code pat}; the path's org segment must be the token's org id. Agents are not exposed through the gateway yet.
 */
@Service
public final class McpGateway {
    private final McpTokens tokens;
    private final McpEndpointRepository endpoints;
    private final McpEndpoints exposure;
    private final ToolDispatcher dispatcher;
    private final Clock clock;

    public McpGateway(
            McpTokens tokens,
            McpEndpointRepository endpoints,
            McpEndpoints exposure,
            ToolDispatcher dispatcher,
            Clock clock) {
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.exposure = exposure;
        this.dispatcher = dispatcher;
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

    /** The tools the gateway offers for the endpoint: its exposed tools (agents not yet). */
    public List<ExposedTool> tools(McpEndpoint endpoint) {
        return exposure.exposed(endpoint).stream()
                .filter(t -> ExposedTool.KIND_TOOL.equals(t.kind()))
                .toList();
    }

    /** Calls an exposed tool for a client of the endpoint; the listener hears progress, the future the outcome. */
    public CompletableFuture<CallOutcome> call(
            Admitted admitted, ExposedTool tool, String argumentsJson, ProgressListener progress) {
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

    /** Progress of one gateway call. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(double fraction, String message);
    }
}
