/** Client side of agent-service's runtime config: a per-version cache kept fresh by stoa.agents.v1. */
@NullMarked
package dev.stoa.agentclient;

import org.jspecify.annotations.NullMarked;
