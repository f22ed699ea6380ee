package dev.stoa.safety;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which detectors run, what each one's findings cause, and on which surfaces of a turn. A detector missing from
 * {@code detectors} is off.
 */
public record SafetyPolicy(Map<DetectorId, DetectorRule> detectors, Set<Surface> surfaces) {

    public SafetyPolicy {
        detectors = detectors.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(detectors));
        surfaces = surfaces.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(surfaces));
    }

    /** The documented default: every detector on with action {@code flag}, on every surface. */
    public static SafetyPolicy defaults() {
        Map<DetectorId, DetectorRule> all = new EnumMap<>(DetectorId.class);
        for (DetectorId id : DetectorId.values()) {
            all.put(id, DetectorRule.DEFAULT);
        }
        return new SafetyPolicy(all, EnumSet.allOf(Surface.class));
    }

    /** The rule for {@code detector}, or off. */
    public DetectorRule rule(DetectorId detector) {
        DetectorRule rule = detectors.get(detector);
        return rule == null ? new DetectorRule(false, SafetyAction.FLAG) : rule;
    }

    /** Whether this policy scans {@code surface} with {@code detector}. */
    public boolean applies(DetectorId detector, Surface surface) {
        return surfaces.contains(surface) && rule(detector).enabled();
    }
}
