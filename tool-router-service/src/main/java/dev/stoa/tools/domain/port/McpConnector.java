package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.McpCredential;
import dev.stoa.tools.domain.model.ToolDefinition;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Speaks MCP (Streamable HTTP) to external servers as a client. */
public interface McpConnector {
    /**
     * Connects to the server and initializes the session.
     *
     * @param toolsChanged hears the server's full tool list again after each {@code notifications/tools/list_changed}
     * @throws dev.stoa.tools.domain.model.ToolFailure ({@code mcp_unavailable}) when it cannot; the message holds no
     *     secret
     */
    Connection connect(Target target, Consumer<List<ToolDefinition>> toolsChanged);

    /**
     * Where and how to connect.
     *
     * @param secret the credential's secret, opened for this connection only
     */
    record Target(
            String url,
            @Nullable McpCredential credential,
            @Nullable String secret) {
        @Override
        public String toString() {
            return "Target[url=" + url + ", credential=" + credential + "]";
        }
    }

    /** A live MCP session with one server. */
    interface Connection extends AutoCloseable {
        /** The server's tools, with their names as the server has them. */
        List<ToolDefinition> tools();

        /**
         * Calls a tool and returns its {@code CallToolResult} as JSON text; a result the server flags {@code isError}
         * is a {@link dev.stoa.tools.domain.model.ToolFailure} ({@code tool_error}), an unreachable server one with
         * {@code mcp_unavailable}.
         *
         * @param progress hears the server's progress notifications for this call: fraction (or -1 when unknown) and
         *     message
         */
        String call(String toolName, String argumentsJson, Duration timeout, Progress progress);

        @Override
        void close();
    }

    /** Progress of one call. */
    @FunctionalInterface
    interface Progress {
        void report(double fraction, String message);
    }
}
