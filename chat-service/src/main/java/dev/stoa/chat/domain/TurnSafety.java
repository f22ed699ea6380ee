package dev.stoa.chat.domain;

import dev.stoa.chat.domain.port.SafetyPolicies;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;

/**
 * Inline safety of a turn's texts (issue 12): the agent's policy, and scans of the user's message and of each model
 * answer under it. Tool arguments and results are tool-router's to scan.
 */
public final class TurnSafety {
    /** What the client, the log and the model's history get instead of an answer the policy blocks. */
    public static final String WITHHELD = "[response withheld by the safety policy]";

    private final SafetyPolicies policies;
    private final SafetyScanner scanner;

    public TurnSafety(SafetyPolicies policies, SafetyScanner scanner) {
        this.policies = policies;
        this.scanner = scanner;
    }

    SafetyPolicy policyOf(String orgId, String agentId) {
        return policies.policyOf(orgId, agentId);
    }

    ScanResult scan(String text, Surface surface, SafetyPolicy policy) {
        return scanner.scan(text, surface, policy);
    }

    /**
     * Whether an answer's text must be held back until it is complete: some enabled detector redacts or blocks model
     * output, so a piece streamed early could be what it must hide. Flag-only policies stream as the model answers.
     */
    static boolean holdsModelOutput(SafetyPolicy policy) {
        if (!policy.surfaces().contains(Surface.MODEL_OUTPUT)) {
            return false;
        }
        for (DetectorRule rule : policy.detectors().values()) {
            if (rule.enabled() && rule.action() != SafetyAction.FLAG) {
                return true;
            }
        }
        return false;
    }
}
