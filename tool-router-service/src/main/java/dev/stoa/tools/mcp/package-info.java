/** The MCP adapters: tool-router as a client of external MCP servers (the official MCP Java SDK). */
@NullMarked
package dev.stoa.tools.mcp;

import org.jspecify.annotations.NullMarked;
