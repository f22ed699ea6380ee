package dev.stoa.tools.domain;

import dev.stoa.tools.domain.model.SdkMessage;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.port.SdkChannel;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One live WebSocket of an SDK connection: the tools it registered and whether it takes new calls. */
public final class SdkSession {
    private final String id;
    private final String orgId;
    private final String connectionId;
    private final String credentialId;
    private final SdkChannel channel;
    private final Instant openedAt;
    private final Map<String, Tool> tools = new ConcurrentHashMap<>();
    private volatile boolean draining;
    private volatile long lastSeenNanos = System.nanoTime();

    SdkSession(
            String id, String orgId, String connectionId, String credentialId, SdkChannel channel, Instant openedAt) {
        this.id = id;
        this.orgId = orgId;
        this.connectionId = connectionId;
        this.credentialId = credentialId;
        this.channel = channel;
        this.openedAt = openedAt;
    }

    public String id() {
        return id;
    }

    public String orgId() {
        return orgId;
    }

    public String connectionId() {
        return connectionId;
    }

    /** The credential ({@code sid}) the socket was opened with: revoking it closes the session. */
    public String credentialId() {
        return credentialId;
    }

    public Instant openedAt() {
        return openedAt;
    }

    /** Stops new calls coming to this session (the SDK is shutting down); calls in flight finish. */
    public void drain() {
        draining = true;
    }

    /** The SDK sent a frame: it is alive. */
    public void touch() {
        lastSeenNanos = System.nanoTime();
    }

    /** Milliseconds since the SDK last sent a frame. */
    long silentMillis() {
        return (System.nanoTime() - lastSeenNanos) / 1_000_000;
    }

    java.util.Collection<Tool> tools() {
        return tools.values();
    }

    boolean serves(String toolName) {
        return !draining && tools.containsKey(toolName);
    }

    Optional<Tool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    int toolCount() {
        return tools.size();
    }

    void add(Tool tool) {
        tools.put(tool.name(), tool);
    }

    boolean send(SdkMessage message) {
        return channel.send(message);
    }

    void close(String reason) {
        channel.close(reason);
    }
}
