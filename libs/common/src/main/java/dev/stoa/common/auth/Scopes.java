package dev.stoa.common.auth;

import java.util.List;

/**
 * API-key scopes (spec 002's list adapted to Stoa's resources). A scope is {@code <resource>:<read|write>};
 * write implies nothing about read. Credential management (keys, SDK connections, members) is never open
 * to a key whose scopes lack it, and a key can never grant more than its creator's role allows.
 */
public final class Scopes {
    public static final List<String> ALL = List.of(
            "org:read",
            "org:write",
            "members:read",
            "members:write",
            "credentials:read",
            "credentials:write",
            "agents:read",
            "agents:write",
            "chat:write",
            "conversations:read",
            "conversations:write",
            "memory:read",
            "memory:write",
            "providers:read",
            "providers:write",
            "tools:read",
            "tools:write",
            "workflows:read",
            "workflows:write",
            "evals:read",
            "evals:write",
            "monitoring:read",
            "safety:write",
            "audit_logs:read",
            "mcp:tools");

    private Scopes() {}

    public static boolean isKnown(String scope) {
        return ALL.contains(scope);
    }
}
