package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.ToolDefinition;
import java.time.Duration;

/**
 * A tool the router runs itself (source {@code builtin}), offered to the agents whose config enables it. It is
 * dispatched like a connected backend's tool (same checks, approvals, deadlines, events and health), on a virtual
 * thread of its own.
 */
public interface BuiltinTool {
    /** Its name, description and argument schema, as the model sees them. */
    ToolDefinition definition();

    /**
     * Runs one call whose arguments already passed the schema; returns the result as JSON text.
     *
     * @param timeout what is left of the call's deadline
     * @throws dev.stoa.tools.domain.model.ToolFailure for an error the model should see (a stable code)
     */
    String run(String argumentsJson, Duration timeout);

    /** One call of a tool run in this process (a built-in's {@link #run}, or an MCP call through its client). */
    @FunctionalInterface
    interface Runner {
        String run(String argumentsJson, Duration timeout);
    }
}
