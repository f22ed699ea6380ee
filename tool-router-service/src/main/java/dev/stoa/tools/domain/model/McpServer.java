package dev.stoa.tools.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * An external MCP server (Streamable HTTP) an org registered as a tool source. Its tools are the org's tools named
 * {@code <name>__<tool>}; the credential's secret is never part of it.
 */
public record McpServer(
        String id,
        String orgId,
        String name,
        String url,
        @Nullable McpCredential credential,
        String createdBy,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** What joins the server's name and its tool's name in the org's tool name. */
    public static final String SEPARATOR = "__";

    /**
     * Whether both are the same version of the same server (as stored: times to the millisecond), i.e. a connection
     * made for one serves the other.
     */
    public boolean sameAs(McpServer other) {
        return id.equals(other.id)
                && name.equals(other.name)
                && url.equals(other.url)
                && java.util.Objects.equals(credential, other.credential)
                && updatedAt
                        .toInstant()
                        .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                        .equals(other.updatedAt.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    /** The org's name for the server's tool {@code toolName}. */
    public String toolName(String toolName) {
        return name + SEPARATOR + toolName;
    }
}
