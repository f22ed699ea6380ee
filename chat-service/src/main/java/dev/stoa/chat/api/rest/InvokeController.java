package dev.stoa.chat.api.rest;

import dev.stoa.chat.domain.InvokeService;
import dev.stoa.common.auth.Principal;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.validation.JsonObject;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The Agent invoke group: typed input in, schema-valid output out, in one non-streaming call. */
@RestController
@Tag(name = "Agent invoke")
public class InvokeController {
    private final InvokeService invoke;

    public InvokeController(InvokeService invoke) {
        this.invoke = invoke;
    }

    /** Typed input for an agent, and optional prompt variables. */
    public record InvokeAgent(
            @NotNull JsonNode input, @Nullable @JsonObject JsonNode context) {}

    /** The agent's output (valid against its output schema) and the turn(s) that produced it. */
    public record InvokeView(
            JsonNode output, String conversationId, String turnId, int agentVersion, long costMicros, int turns) {}

    @PostMapping("/api/v1/agents/{agent_id}/invoke")
    @Operation(
            operationId = "invokeAgent",
            summary = "Invoke an agent with typed input: validated against its input schema, answered with output"
                    + " valid against its output schema (one repair attempt when the model's first answer is not).")
    @ProblemResponse(
            status = 422,
            description = "input_invalid: the input does not match the input schema (errors name JSON pointers);"
                    + " output_invalid: the model's answer did not match the output schema after one repair;"
                    + " content_blocked: the agent's safety policy blocks what the input contains (names the field"
                    + " and the detector).")
    @ProblemResponse(status = 404, description = "No such agent in the caller's org.")
    @ProblemResponse(status = 409, description = "agent_paused: the agent takes no turns.")
    public InvokeView invoke(
            Principal principal, @PathVariable("agent_id") String agentId, @Valid @RequestBody InvokeAgent body) {
        JsonNode context = body.context() == null ? JsonNodeFactory.instance.objectNode() : body.context();
        InvokeService.Output out =
                invoke.invoke(principal, agentId, body.input(), context, ChatController.callerToken());
        return new InvokeView(
                out.output(), out.conversationId(), out.turnId(), out.agentVersion(), out.costMicros(), out.turns());
    }
}
