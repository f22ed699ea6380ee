package dev.stoa.agent.api.rest;

import dev.stoa.agent.domain.AgentRules;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Request bodies of the prompt-block endpoints of an agent; unknown fields are refused. */
public final class PromptRequests {
    private PromptRequests() {}

    static final int MAX_CONTENT = AgentRules.MAX_BLOCK_BYTES;

    /** A prompt block; {@code position} (0-based) inserts it there instead of at the end. */
    public record NewBlock(
            @NotBlank @Size(max = 100) String name,
            @NotNull @Size(max = MAX_CONTENT) String content,
            @Nullable Boolean enabled,
            @Nullable @Min(0) Integer position,
            @Nullable @Min(1) Integer version) {}

    /** Changes to a block; absent fields stay. */
    public record UpdateBlock(
            @Nullable @Size(min = 1, max = 100) String name,
            @Nullable @Size(max = MAX_CONTENT) String content,
            @Nullable Boolean enabled,
            @Nullable @Min(1) Integer version) {}

    /** The new order: every block id exactly once. */
    public record Reorder(
            @NotNull @Size(max = AgentRules.MAX_BLOCKS) List<@NotNull String> blockIds,
            @Nullable @Min(1) Integer version) {}
}
