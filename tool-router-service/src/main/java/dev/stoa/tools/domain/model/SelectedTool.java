package dev.stoa.tools.domain.model;

import org.jspecify.annotations.Nullable;

/**
 * A tool offered to an agent's turn, with the agent's settings applied.
 *
 * @param score similarity with the query under smart selection, 0 when not scored
 * @param reason {@code always_included}, {@code selected} or {@code allowed} (selection off)
 * @param via what made the tool the agent's: {@code org} (no allowlist: every tool of the org), {@code allow} (the
 *     allowlist names it), {@code group} (a tool group the config names; see {@code group}) or {@code builtin}
 * @param group the name of the tool group that brought it when {@code via} is {@code group}
 */
public record SelectedTool(
        Tool tool,
        int timeoutMs,
        boolean approvalRequired,
        double score,
        String reason,
        String via,
        @Nullable String group) {

    public static final String VIA_ORG = "org";
    public static final String VIA_ALLOW = "allow";
    public static final String VIA_GROUP = "group";
    public static final String VIA_BUILTIN = "builtin";

    /** The same tool with a selection score and reason. */
    public SelectedTool ranked(double newScore, String newReason) {
        return new SelectedTool(tool, timeoutMs, approvalRequired, newScore, newReason, via, group);
    }
}
