/** Outbound calls made on a tenant's behalf (providers, webhooks, MCP servers): which addresses they may reach. */
@NullMarked
package dev.stoa.common.net;

import org.jspecify.annotations.NullMarked;
