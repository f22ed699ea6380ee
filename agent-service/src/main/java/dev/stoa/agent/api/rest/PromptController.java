package dev.stoa.agent.api.rest;

import dev.stoa.agent.api.rest.AgentViews.AgentView;
import dev.stoa.agent.api.rest.PromptRequests.NewBlock;
import dev.stoa.agent.api.rest.PromptRequests.Reorder;
import dev.stoa.agent.api.rest.PromptRequests.UpdateBlock;
import dev.stoa.agent.api.rest.PromptViews.BlockChangeView;
import dev.stoa.agent.api.rest.PromptViews.PreviewView;
import dev.stoa.agent.api.rest.PromptViews.PromptView;
import dev.stoa.agent.domain.AgentService.BlockInput;
import dev.stoa.agent.domain.PromptService;
import dev.stoa.agent.domain.PromptService.BlockChange;
import dev.stoa.agent.domain.model.PromptBlock;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.input.InputRules;
import dev.stoa.common.page.PageRequest;
import dev.stoa.web.openapi.ProblemResponse;
import dev.stoa.web.page.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An agent's prompt: blocks, their order, a preview with variables filled in, prompt versions and rollback. */
@RestController
@RequestMapping("/api/v1/agents/{agent_id}/prompt")
@Tag(name = "Agents")
public class PromptController {
    static final String VARS_PREFIX = "vars.";
    static final int MAX_CONTEXT_CHARS = 65_536;
    /** The longest user id memory keeps facts for (memory-service's own limit). */
    static final int MAX_USER_ID_CHARS = 200;
    /** The longest message a preview recalls for (memory-service's query limit). */
    static final int MAX_MESSAGE_CHARS = 2_000;

    private final PromptService prompts;
    private final JsonMapper json;

    public PromptController(PromptService prompts, JsonMapper json) {
        this.prompts = prompts;
        this.json = json;
    }

    @GetMapping
    @Operation(
            operationId = "getPrompt",
            summary = "Get the prompt: blocks in order, the assembled system prompt and its variables.")
    public PromptView get(Principal principal, @PathVariable("agent_id") String agentId) {
        return PromptView.of(prompts.get(principal, agentId));
    }

    @PostMapping("/blocks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "addPromptBlock",
            summary = "Add a block (at the end, or at position); a new agent version.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<BlockChangeView> addBlock(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody NewBlock body) {
        BlockChange change = prompts.addBlock(
                principal,
                agentId,
                Preconditions.expected(ifMatch, body.version()),
                new BlockInput(body.name(), body.content(), body.enabled()),
                body.position());
        return ResponseEntity.created(URI.create("/api/v1/agents/" + agentId + "/prompt/blocks/"
                        + change.block().id()))
                .eTag(Preconditions.etag(change.agent().version()))
                .body(view(change));
    }

    @PatchMapping("/blocks/{block_id}")
    @Operation(
            operationId = "updatePromptBlock",
            summary = "Change a block's name, content or enabled flag; a new agent version.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<BlockChangeView> updateBlock(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("block_id") String blockId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody UpdateBlock body) {
        BlockChange change = prompts.updateBlock(
                principal,
                agentId,
                blockId,
                Preconditions.expected(ifMatch, body.version()),
                body.name(),
                body.content(),
                body.enabled());
        return ResponseEntity.ok()
                .eTag(Preconditions.etag(change.agent().version()))
                .body(view(change));
    }

    @DeleteMapping("/blocks/{block_id}")
    @Operation(operationId = "deletePromptBlock", summary = "Remove a block; a new agent version. Answers the agent.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<AgentView> deleteBlock(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("block_id") String blockId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch) {
        return AgentController.view(
                prompts.deleteBlock(principal, agentId, blockId, Preconditions.expected(ifMatch, null)));
    }

    @PutMapping("/blocks/reorder")
    @Operation(
            operationId = "reorderPromptBlocks",
            summary = "Reorder blocks: block_ids must list every block exactly once.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<PromptView> reorder(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch,
            @Valid @RequestBody Reorder body) {
        var agent =
                prompts.reorder(principal, agentId, Preconditions.expected(ifMatch, body.version()), body.blockIds());
        return ResponseEntity.ok()
                .eTag(Preconditions.etag(agent.version()))
                .body(PromptView.of(PromptService.of(agent)));
    }

    @GetMapping("/preview")
    @Operation(
            operationId = "previewPrompt",
            summary = "Preview the assembled prompt with {{variables}} filled in from context (a JSON object) "
                    + "and vars.<name>=<value> parameters; variables left unfilled are listed in missing_variables. "
                    + "With user_id, the prompt ends with the block of facts long-term memory recalls for that user "
                    + "about message, as chat would add it to a turn (memory_facts lists them).")
    public PreviewView preview(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @Parameter(
                            description =
                                    "A JSON object whose (dotted) fields fill the variables, e.g. {\"customer\":\"Ada\"}.")
                    @RequestParam(required = false)
                    @Nullable
                    @Size(max = MAX_CONTEXT_CHARS)
                    String context,
            @Parameter(
                            description = "The user whose remembered facts to show, as chat's turns name them: a"
                                    + " user's id, or ext:<user_id> for an end user an API key, SDK or service names"
                                    + " (at most 200 characters). API keys need memory:read as well.")
                    @RequestParam(name = "user_id", required = false)
                    @Nullable
                    @Size(min = 1, max = MAX_USER_ID_CHARS)
                    String userId,
            @Parameter(
                            description = "The user's message the facts are ranked against (at most 2,000 characters);"
                                    + " without it, a general question about the user.")
                    @RequestParam(required = false)
                    @Nullable
                    @Size(max = MAX_MESSAGE_CHARS)
                    String message,
            // vars.<name>=<value> pairs cannot be named in the document; they are described in the summary
            @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (context != null && !context.isBlank()) {
            flatten("", parse(context), variables);
        }
        parameters.forEach((name, value) -> {
            if (name.startsWith(VARS_PREFIX) && name.length() > VARS_PREFIX.length()) {
                variables.put(name.substring(VARS_PREFIX.length()), value);
            }
        });
        printable("user_id", userId, false);
        printable("message", message, true);
        return PreviewView.of(prompts.preview(principal, agentId, variables, userId, message));
    }

    @GetMapping("/versions")
    @Operation(
            operationId = "listPromptVersions",
            summary = "List the versions whose prompt changed, newest first, with their blocks.")
    public PageResponse<PromptView> versions(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return PageResponse.of(prompts.versions(principal, agentId, PageRequest.of(limit, cursor))
                .map(PromptView::of));
    }

    @PostMapping("/rollback/{version_number}")
    @Operation(
            operationId = "rollbackPrompt",
            summary = "Roll the prompt back: a new version with that version's blocks, other fields unchanged.")
    @ProblemResponse(status = 409, description = Preconditions.VERSION_CONFLICT)
    public ResponseEntity<AgentView> rollback(
            Principal principal,
            @PathVariable("agent_id") String agentId,
            @PathVariable("version_number") int versionNumber,
            @RequestHeader(name = Preconditions.IF_MATCH, required = false) @Nullable String ifMatch) {
        return AgentController.view(
                prompts.rollback(principal, agentId, versionNumber, Preconditions.expected(ifMatch, null)));
    }

    /** Control characters never reach memory (it refuses them, which would read as an outage). */
    private static void printable(String field, @Nullable String value, boolean lineBreaks) {
        String violation = value == null ? null : InputRules.violation(value, lineBreaks);
        if (violation != null) {
            throw new InvalidInputException(field, violation);
        }
    }

    private JsonNode parse(String context) {
        if (context.length() > MAX_CONTEXT_CHARS) {
            throw new InvalidInputException("context", "must be at most " + MAX_CONTEXT_CHARS + " characters");
        }
        JsonNode node;
        try {
            node = json.readTree(context);
        } catch (JacksonException e) {
            throw new InvalidInputException("context", "must be a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("context", "must be a JSON object");
        }
        return node;
    }

    /** Dotted paths to text: strings as they are, other scalars as JSON, objects and arrays as JSON too. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            out.put(path, value.isString() ? value.asString() : value.toString());
            if (value.isObject()) {
                flatten(path + ".", value, out);
            }
        }
    }

    private static BlockChangeView view(BlockChange change) {
        PromptBlock block = change.block();
        int position = change.agent().config().promptBlocks().indexOf(block);
        return new BlockChangeView(
                block.id(),
                block.name(),
                block.content(),
                block.enabled(),
                position,
                change.agent().version());
    }
}
