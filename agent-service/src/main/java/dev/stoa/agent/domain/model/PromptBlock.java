package dev.stoa.agent.domain.model;

/** One piece of the system prompt; disabled blocks stay in the config but are left out of the prompt. */
public record PromptBlock(String id, String name, String content, boolean enabled) {}
