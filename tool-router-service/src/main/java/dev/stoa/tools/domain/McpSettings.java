package dev.stoa.tools.domain;

import dev.stoa.common.net.OutboundPolicy;

/**
 * How tool-router reaches external MCP servers.
 *
 * @param policy which addresses a server's URL and its OAuth token URL may point at (the SSRF policy)
 */
public record McpSettings(OutboundPolicy policy) {}
