package dev.stoa.tools.domain.model;

import java.time.OffsetDateTime;

/**
 * A registered tool: identified by (org, SDK connection, name).
 *
 * @param source {@code sdk} for a connected backend's tool
 */
public record Tool(
        String id,
        String orgId,
        String connectionId,
        ToolDefinition definition,
        String version,
        String source,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String SOURCE_SDK = "sdk";

    public String name() {
        return definition.name();
    }
}
