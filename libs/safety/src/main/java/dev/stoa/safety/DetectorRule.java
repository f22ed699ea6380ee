package dev.stoa.safety;

/** Whether a policy runs a detector and what it does with what the detector finds. */
public record DetectorRule(boolean enabled, SafetyAction action) {

    /** The default of every detector: on, and only flagged. */
    public static final DetectorRule DEFAULT = new DetectorRule(true, SafetyAction.FLAG);
}
