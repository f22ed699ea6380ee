package dev.stoa.tools.domain;

/** The {@link dev.stoa.tools.domain.model.ToolFailure} codes an {@link dev.stoa.tools.domain.port.McpConnector} uses. */
public final class McpConnectorErrors {
    /** The server cannot be reached or its session is gone: the tools go down. */
    public static final String UNAVAILABLE = "mcp_unavailable";

    /** The tool answered with {@code isError}: the model sees its text. */
    public static final String TOOL_ERROR = "tool_error";

    private McpConnectorErrors() {}
}
