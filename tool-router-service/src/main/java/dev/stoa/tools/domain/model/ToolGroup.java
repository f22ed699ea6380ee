package dev.stoa.tools.domain.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A named set of tool names of one org; an agent's tool config names groups to use their tools.
 *
 * @param tools tool names, as written (a name no backend registers yet is kept: the backend may connect later)
 */
public record ToolGroup(
        String id,
        String orgId,
        String name,
        String description,
        List<String> tools,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public ToolGroup {
        tools = List.copyOf(tools);
    }
}
