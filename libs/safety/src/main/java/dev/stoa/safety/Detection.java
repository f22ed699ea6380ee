package dev.stoa.safety;

/** A finding with the action the policy took on it. */
public record Detection(Finding finding, SafetyAction action) {}
