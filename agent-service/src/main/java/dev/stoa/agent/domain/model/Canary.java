package dev.stoa.agent.domain.model;

/** A version that serves a share of new conversations instead of the current one. */
public record Canary(int version, int percent) {}
