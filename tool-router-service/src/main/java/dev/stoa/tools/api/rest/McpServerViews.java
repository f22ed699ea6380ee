package dev.stoa.tools.api.rest;

import dev.stoa.tools.domain.McpServers.Registered;
import dev.stoa.tools.domain.model.McpCredential;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Response bodies of the MCP servers endpoints: never a secret. */
public final class McpServerViews {
    private McpServerViews() {}

    /**
     * An MCP server and this instance's connection to it.
     *
     * @param status {@code connected} or {@code down} (with {@code error})
     * @param tools the org's names of the tools it serves ({@code <name>__<tool>})
     * @param skippedTools tools it lists that cannot be offered, with why
     */
    public record McpServerView(
            String id,
            String name,
            String url,
            @Nullable CredentialsView credentials,
            String status,
            @Nullable String error,
            @Nullable Instant statusSince,
            List<String> tools,
            List<String> skippedTools,
            String createdBy,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static McpServerView of(Registered r) {
            McpCredential c = r.server().credential();
            return new McpServerView(
                    r.server().id(),
                    r.server().name(),
                    r.server().url(),
                    c == null
                            ? null
                            : new CredentialsView(
                                    c.type(), c.headerName(), c.tokenUrl(), c.clientId(), c.scope(), r.secretSet()),
                    r.status().connected() ? "connected" : "down",
                    r.status().error(),
                    r.status().since(),
                    r.status().tools(),
                    r.status().skipped(),
                    r.server().createdBy(),
                    r.server().createdAt(),
                    r.server().updatedAt());
        }
    }

    /**
     * A credential without its secret.
     *
     * @param secretSet whether a secret is stored (it is never shown)
     */
    public record CredentialsView(
            String type,
            @Nullable String name,
            @Nullable String tokenUrl,
            @Nullable String clientId,
            @Nullable String scope,
            boolean secretSet) {}
}
