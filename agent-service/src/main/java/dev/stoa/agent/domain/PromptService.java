package dev.stoa.agent.domain;

import dev.stoa.agent.domain.AgentService.BlockInput;
import dev.stoa.agent.domain.AgentWriter.Change;
import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.AgentVersion;
import dev.stoa.agent.domain.model.PromptBlock;
import dev.stoa.agent.domain.port.AgentRepository;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.memoryclient.MemoryBlock;
import dev.stoa.memoryclient.MemoryRecall;
import dev.stoa.memoryclient.Recall;
import dev.stoa.memoryclient.RecalledFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * An agent's prompt: ordered blocks assembled into the system prompt. Every change to the blocks is a new agent
 * version; prompt versions are the agent versions whose blocks changed.
 */
@Service
public final class PromptService {
    private final AgentRepository agents;
    private final AgentWriter writer;
    private final MemoryRecall memory;

    public PromptService(AgentRepository agents, AgentWriter writer, MemoryRecall memory) {
        this.agents = agents;
        this.writer = writer;
        this.memory = memory;
    }

    /** The blocks of a version, the prompt they assemble to and the variables it uses. */
    public record Prompt(String agentId, int version, List<PromptBlock> blocks, String systemPrompt) {
        public List<String> variables() {
            return PromptTemplates.variables(systemPrompt);
        }
    }

    /** A changed block and the agent after the change. */
    public record BlockChange(Agent agent, PromptBlock block) {}

    /**
     * A prompt with variables resolved; {@code missingVariables} are those the context lacked. With a user, the prompt
     * ends with the block of facts memory recalled for them ({@code memoryFacts}), as chat would put it.
     */
    public record Preview(
            String agentId,
            int version,
            String prompt,
            List<String> missingVariables,
            MemoryStatus memoryStatus,
            List<RecalledFact> memoryFacts) {}

    /** What memory did for a preview. */
    public enum MemoryStatus {
        /** No user was named: memory was not asked. */
        NOT_REQUESTED,
        /** memory-service did not answer in time (or is not deployed); the preview has no memory block. */
        UNAVAILABLE,
        /** The agent's memory is off. */
        DISABLED,
        /** Memory answered; {@code memoryFacts} are what it recalled (possibly none). */
        RECALLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the preview asks memory when no message is given: a question about the user as a whole. */
    public static final String DEFAULT_MEMORY_QUERY = "What do you remember about this user?";

    public Prompt get(Principal principal, String agentId) {
        Agent agent = writer.get(Access.read(principal, Access.AGENTS_READ), agentId);
        return prompt(agent.id(), agent.version(), agent.config().promptBlocks());
    }

    public BlockChange addBlock(
            Principal principal,
            String agentId,
            @Nullable Integer expectedVersion,
            BlockInput input,
            @Nullable Integer position) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        AgentRules.blockName("name", input.name());
        AgentRules.blockContent("content", input.content());
        PromptBlock block = new PromptBlock(
                Ids.generate("blk"), input.name().strip(), input.content(), !Boolean.FALSE.equals(input.enabled()));
        Agent agent = writer.changeConfig(
                orgId, Access.actor(principal), agentId, expectedVersion, Change.updated("prompt_updated"), config -> {
                    List<PromptBlock> blocks = new ArrayList<>(config.promptBlocks());
                    if (blocks.size() >= AgentRules.MAX_BLOCKS) {
                        throw new InvalidInputException(
                                "prompt_blocks", "an agent holds at most " + AgentRules.MAX_BLOCKS + " blocks");
                    }
                    int at = position == null ? blocks.size() : position;
                    if (at < 0 || at > blocks.size()) {
                        throw new InvalidInputException("position", "must be between 0 and " + blocks.size());
                    }
                    blocks.add(at, block);
                    return config.withPromptBlocks(blocks);
                });
        return new BlockChange(agent, block);
    }

    /** Changes a block's name, content or enabled flag; null leaves it as it is. */
    public BlockChange updateBlock(
            Principal principal,
            String agentId,
            String blockId,
            @Nullable Integer expectedVersion,
            @Nullable String name,
            @Nullable String content,
            @Nullable Boolean enabled) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        if (name != null) {
            AgentRules.blockName("name", name);
        }
        if (content != null) {
            AgentRules.blockContent("content", content);
        }
        Agent agent = writer.changeConfig(
                orgId, Access.actor(principal), agentId, expectedVersion, Change.updated("prompt_updated"), config -> {
                    List<PromptBlock> blocks = new ArrayList<>(config.promptBlocks());
                    int index = indexOf(blocks, blockId);
                    PromptBlock old = blocks.get(index);
                    blocks.set(
                            index,
                            new PromptBlock(
                                    old.id(),
                                    name == null ? old.name() : name.strip(),
                                    content == null ? old.content() : content,
                                    enabled == null ? old.enabled() : enabled));
                    return config.withPromptBlocks(blocks);
                });
        PromptBlock block =
                agent.config().promptBlocks().get(indexOf(agent.config().promptBlocks(), blockId));
        return new BlockChange(agent, block);
    }

    public Agent deleteBlock(Principal principal, String agentId, String blockId, @Nullable Integer expectedVersion) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        return writer.changeConfig(
                orgId, Access.actor(principal), agentId, expectedVersion, Change.updated("prompt_updated"), config -> {
                    List<PromptBlock> blocks = new ArrayList<>(config.promptBlocks());
                    blocks.remove(indexOf(blocks, blockId));
                    return config.withPromptBlocks(blocks);
                });
    }

    /** Puts the blocks in the given order; {@code blockIds} must name every block exactly once. */
    public Agent reorder(
            Principal principal, String agentId, @Nullable Integer expectedVersion, List<String> blockIds) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        return writer.changeConfig(
                orgId, Access.actor(principal), agentId, expectedVersion, Change.updated("prompt_updated"), config -> {
                    Map<String, PromptBlock> byId = new HashMap<>();
                    config.promptBlocks().forEach(b -> byId.put(b.id(), b));
                    Set<String> seen = new HashSet<>();
                    List<PromptBlock> ordered = new ArrayList<>();
                    for (int i = 0; i < blockIds.size(); i++) {
                        String id = blockIds.get(i);
                        if (!byId.containsKey(id)) {
                            throw new InvalidInputException("block_ids[" + i + "]", "is not a block of this agent");
                        }
                        if (!seen.add(id)) {
                            throw new InvalidInputException("block_ids[" + i + "]", "is listed twice");
                        }
                        ordered.add(byId.get(id));
                    }
                    if (ordered.size() != byId.size()) {
                        List<String> missing = config.promptBlocks().stream()
                                .map(PromptBlock::id)
                                .filter(id -> !seen.contains(id))
                                .toList();
                        throw new InvalidInputException(
                                "block_ids",
                                "must list every block of the agent; missing " + String.join(", ", missing));
                    }
                    return config.withPromptBlocks(ordered);
                });
    }

    /**
     * The current prompt with {@code context} (flattened: dotted paths to text) filled in and, when {@code userId} is
     * given, followed by what memory recalls for that user about {@code message} (the block chat would add).
     */
    public Preview preview(
            Principal principal,
            String agentId,
            Map<String, String> context,
            @Nullable String userId,
            @Nullable String message) {
        String orgId = Access.read(principal, Access.AGENTS_READ);
        if (userId != null) {
            // A user's remembered facts are memory's data: an API key needs memory's read scope for them as well, and a
            // person below admin may preview only their own (memory-service's rule for a user's memory).
            principal.requireScope(Access.MEMORY_READ);
            if (!principal.seesOtherUsers() && !userId.equals(principal.userId())) {
                throw new PermissionDeniedException(
                        "not_your_memory",
                        "only admins and owners preview another user's memory; yours is under your user id");
            }
        }
        Agent agent = writer.get(orgId, agentId);
        PromptTemplates.Rendered rendered =
                PromptTemplates.render(PromptTemplates.assemble(agent.config().promptBlocks()), context);
        if (userId == null) {
            return new Preview(
                    agent.id(),
                    agent.version(),
                    rendered.text(),
                    rendered.missingVariables(),
                    MemoryStatus.NOT_REQUESTED,
                    List.of());
        }
        String query = message == null || message.isBlank() ? DEFAULT_MEMORY_QUERY : message;
        Recall recall = memory.recall(orgId, agent.id(), userId, query);
        MemoryStatus status = !recall.answered()
                ? MemoryStatus.UNAVAILABLE
                : recall.enabled() ? MemoryStatus.RECALLED : MemoryStatus.DISABLED;
        return new Preview(
                agent.id(),
                agent.version(),
                MemoryBlock.appendTo(rendered.text(), recall.facts()),
                rendered.missingVariables(),
                status,
                recall.facts());
    }

    /** The versions whose prompt blocks changed (including the first), newest first. */
    public Page<Prompt> versions(Principal principal, String agentId, PageRequest page) {
        String orgId = Access.read(principal, Access.AGENTS_READ);
        writer.get(orgId, agentId);
        return agents.versions(orgId, agentId, page, true)
                .map(v -> prompt(agentId, v.version(), v.config().promptBlocks()));
    }

    /** A new version whose blocks are those of {@code version}; every other field stays as it is. */
    public Agent rollback(Principal principal, String agentId, int version, @Nullable Integer expectedVersion) {
        String orgId = Access.write(principal, Access.AGENTS_WRITE, Role.MEMBER);
        return writer.changeConfig(
                orgId,
                Access.actor(principal),
                agentId,
                expectedVersion,
                Change.rollback("prompt_rolled_back", version),
                config -> {
                    AgentVersion source = agents.version(orgId, agentId, version)
                            .orElseThrow(() -> AgentService.versionNotFound(agentId, version));
                    return config.withPromptBlocks(source.config().promptBlocks());
                });
    }

    /** The current prompt of an agent. */
    public static Prompt of(Agent agent) {
        return prompt(agent.id(), agent.version(), agent.config().promptBlocks());
    }

    private static Prompt prompt(String agentId, int version, List<PromptBlock> blocks) {
        return new Prompt(agentId, version, blocks, PromptTemplates.assemble(blocks));
    }

    private static int indexOf(List<PromptBlock> blocks, String blockId) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).id().equals(blockId)) {
                return i;
            }
        }
        throw new NotFoundException("prompt_block", blockId);
    }
}
