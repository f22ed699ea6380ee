package dev.stoa.tools.domain.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What this instance knows of an MCP server's connection.
 *
 * @param connected whether it answered the last time tool-router spoke to it
 * @param tools the org's names of the tools it serves now
 * @param skipped tools it lists that tool-router cannot offer, with why (e.g. a name too long)
 * @param error why it is not connected (no secret in it), null when connected
 */
public record McpStatus(
        boolean connected,
        List<String> tools,
        List<String> skipped,
        @Nullable String error,
        @Nullable Instant since) {

    public McpStatus {
        tools = List.copyOf(tools);
        skipped = List.copyOf(skipped);
    }

    public static McpStatus unknown() {
        return new McpStatus(false, List.of(), List.of(), "not connected yet", null);
    }
}
