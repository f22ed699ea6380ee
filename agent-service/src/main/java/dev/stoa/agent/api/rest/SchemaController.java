package dev.stoa.agent.api.rest;

import dev.stoa.agent.api.rest.AgentViews.SchemasView;
import dev.stoa.agent.domain.SchemaService;
import dev.stoa.agent.domain.SchemaService.SchemaUpdate;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The Agent invoke group's schema endpoints: an agent's input and output JSON Schemas. */
@RestController
@RequestMapping("/api/v1/agents/{agent_id}/schemas")
@Tag(name = "Agent invoke")
public class SchemaController {
    private static final Set<String> FIELDS = Set.of("input_schema", "output_schema", "version");

    private final SchemaService schemas;

    public SchemaController(SchemaService schemas) {
        this.schemas = schemas;
    }

    @GetMapping
    @Operation(operationId = "getAgentSchemas", summary = "Get the agent's input and output schemas.")
    public ResponseEntity<SchemasView> get(Principal principal, @PathVariable("agent_id") String agentId) {
        return view(schemas.get(principal, agentId));
    }

    /**
     * Read as a tree so that an absent schema (left alone) and {@code null} (removed) can be told apart; the body is
     * otherwise as strict as every other: unknown fields are refused.
     */
    @PatchMapping
    @Operation(
            operationId = "updateAgentSchemas",
            summary = "Update the agent's schemas (admin): JSON Schema draft 2020-12 objects; null removes one. "
                    + "A new version.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<SchemasView> update(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = AgentRequests.UpdateSchemas.class)))
                    @RequestBody
                    JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new InvalidInputException(field.getKey(), "is not a known field");
            }
        }
        Integer version = null;
        JsonNode versionNode = body.get("version");
        if (versionNode != null && !versionNode.isNull()) {
            if (!versionNode.canConvertToExactIntegral() || !versionNode.canConvertToInt()) {
                throw new InvalidInputException("version", "must be an integer");
            }
            version = versionNode.asInt();
        }
        Agent agent = schemas.update(
                principal,
                agentId,
                Preconditions.expected(ifMatch, version),
                new SchemaUpdate(
                        body.has("input_schema"),
                        AgentController.json(body.get("input_schema")),
                        body.has("output_schema"),
                        AgentController.json(body.get("output_schema"))));
        return view(agent);
    }

    private static ResponseEntity<SchemasView> view(Agent agent) {
        return ResponseEntity.ok().eTag(Preconditions.etag(agent.version())).body(SchemasView.of(agent));
    }
}
