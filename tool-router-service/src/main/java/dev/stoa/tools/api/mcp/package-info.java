/** The MCP gateway transport: {@code /mcp/{org}/{endpoint_id}} over MCP Streamable HTTP (the official MCP Java SDK). */
@NullMarked
package dev.stoa.tools.api.mcp;

import org.jspecify.annotations.NullMarked;
