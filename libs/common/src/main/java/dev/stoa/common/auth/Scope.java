package dev.stoa.common.auth;

/** One API-key scope, {@code <resource>:<read|write>} on the wire (see {@link Scopes}). */
public enum Scope {
    ORG_READ("org:read"),
    ORG_WRITE("org:write"),
    MEMBERS_READ("members:read"),
    MEMBERS_WRITE("members:write"),
    CREDENTIALS_READ("credentials:read"),
    CREDENTIALS_WRITE("credentials:write"),
    AGENTS_READ("agents:read"),
    AGENTS_WRITE("agents:write"),
    CHAT_WRITE("chat:write"),
    CONVERSATIONS_READ("conversations:read"),
    CONVERSATIONS_WRITE("conversations:write"),
    MEMORY_READ("memory:read"),
    MEMORY_WRITE("memory:write"),
    PROVIDERS_READ("providers:read"),
    PROVIDERS_WRITE("providers:write"),
    TOOLS_READ("tools:read"),
    TOOLS_WRITE("tools:write"),
    WORKFLOWS_READ("workflows:read"),
    WORKFLOWS_WRITE("workflows:write"),
    EVALS_READ("evals:read"),
    EVALS_WRITE("evals:write"),
    MONITORING_READ("monitoring:read"),
    SAFETY_WRITE("safety:write"),
    AUDIT_LOGS_READ("audit_logs:read"),
    WEBHOOKS_READ("webhooks:read"),
    WEBHOOKS_WRITE("webhooks:write"),
    MCP_TOOLS("mcp:tools");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
