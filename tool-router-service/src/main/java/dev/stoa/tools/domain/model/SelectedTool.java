package dev.stoa.tools.domain.model;

/**
 * A tool offered to an agent's turn, with the agent's settings applied.
 *
 * @param score similarity with the query under smart selection, 0 when not scored
 * @param reason {@code always_included}, {@code selected} or {@code allowed} (selection off)
 */
public record SelectedTool(Tool tool, int timeoutMs, boolean approvalRequired, double score, String reason) {}
