package dev.stoa.agent.api.rest;

import dev.stoa.agent.domain.PromptService.Preview;
import dev.stoa.agent.domain.PromptService.Prompt;
import dev.stoa.agent.domain.model.PromptBlock;
import dev.stoa.memoryclient.RecalledFact;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/** Response bodies of the prompt endpoints of an agent: blocks, the assembled prompt, previews. */
public final class PromptViews {
    private PromptViews() {}

    /** A prompt block at its position (0-based). */
    public record BlockView(String id, String name, String content, boolean enabled, int position) {
        static List<BlockView> of(List<PromptBlock> blocks) {
            List<BlockView> out = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                PromptBlock b = blocks.get(i);
                out.add(new BlockView(b.id(), b.name(), b.content(), b.enabled(), i));
            }
            return out;
        }
    }

    /** The prompt of a version: its blocks, the assembled system prompt and the variables it uses. */
    public record PromptView(
            String agentId, int version, List<BlockView> blocks, String systemPrompt, List<String> variables) {
        static PromptView of(Prompt prompt) {
            return new PromptView(
                    prompt.agentId(),
                    prompt.version(),
                    BlockView.of(prompt.blocks()),
                    prompt.systemPrompt(),
                    prompt.variables());
        }
    }

    /** A created or changed block, with the agent version that now holds it. */
    public record BlockChangeView(
            String id, String name, String content, boolean enabled, int position, int agentVersion) {}

    /**
     * The prompt with variables filled in; {@code missing_variables} are those the context did not define. With a
     * {@code user_id}, the prompt ends with the block of facts memory recalled for that user.
     */
    public record PreviewView(
            String agentId,
            int version,
            String prompt,
            List<String> missingVariables,

            @Schema(
                    description = "What memory did: not_requested (no user_id given), unavailable (memory-service"
                            + " did not answer in time or is not deployed; no memory block), disabled (the"
                            + " agent's memory is off), recalled (memory_facts are what it recalled).",
                    allowableValues = {"not_requested", "unavailable", "disabled", "recalled"})
            String memoryStatus,

            @Schema(
                    description = "The facts memory recalled for user_id and put into the prompt's memory block,"
                            + " most relevant first; empty without user_id.")
            List<MemoryFactView> memoryFacts) {
        static PreviewView of(Preview preview) {
            return new PreviewView(
                    preview.agentId(),
                    preview.version(),
                    preview.prompt(),
                    preview.missingVariables(),
                    preview.memoryStatus().wire(),
                    preview.memoryFacts().stream().map(MemoryFactView::of).toList());
        }
    }

    /** A fact memory recalled for the preview: its sentence, category and similarity to the message (0..1). */
    @Schema(name = "PromptPreviewMemoryFact")
    public record MemoryFactView(String id, String text, String category, double score) {
        static MemoryFactView of(RecalledFact fact) {
            return new MemoryFactView(fact.id(), fact.text(), fact.category(), fact.score());
        }
    }
}
