package dev.stoa.tools.domain.model;

/** Who asked for a call: the agent and the turn it belongs to (empty strings where unknown). */
public record CallContext(String agentId, int agentVersion, String conversationId, String turnId, String userId) {}
