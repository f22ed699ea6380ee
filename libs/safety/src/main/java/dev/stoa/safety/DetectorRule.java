package dev.stoa.safety;

/** Whether a policy runs a detector and what it does with what the detector finds. */
public record DetectorRule(boolean enabled, SafetyAction action) {

    /** The default of every detector: on, and only flagged. */
    public static final DetectorRule DEFAULT = new DetectorRule(true, SafetyAction.FLAG);

    /**
     * A rule from its wire form (stored JSON, the SafetyPolicies gRPC answer): an action this library does not know
     * (one a newer writer added) is read as {@code flag}, so the finding is still recorded.
     */
    public static DetectorRule fromWire(boolean enabled, String action) {
        return new DetectorRule(enabled, SafetyAction.fromId(action).orElse(SafetyAction.FLAG));
    }
}
