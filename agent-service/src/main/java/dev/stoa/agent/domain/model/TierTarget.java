package dev.stoa.agent.domain.model;

/** One step of a tier's chain. */
public record TierTarget(String providerId, String model) {}
