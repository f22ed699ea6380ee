package dev.stoa.safety;

import java.util.Collection;
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

    /**
     * A policy from its wire form (stored JSON, the SafetyPolicies gRPC answer), leniently: detector and surface ids
     * this library does not know are skipped, and a known detector the map lacks (one added to the library after the
     * policy was written) runs with {@link DetectorRule#DEFAULT}.
     */
    public static SafetyPolicy fromWire(Map<String, DetectorRule> rules, Collection<String> surfaceIds) {
        Map<DetectorId, DetectorRule> detectors = new EnumMap<>(DetectorId.class);
        for (DetectorId id : DetectorId.values()) {
            DetectorRule rule = rules.get(id.id());
            detectors.put(id, rule == null ? DetectorRule.DEFAULT : rule);
        }
        Set<Surface> surfaces = EnumSet.noneOf(Surface.class);
        for (String id : surfaceIds) {
            Surface.fromId(id).ifPresent(surfaces::add);
        }
        return new SafetyPolicy(detectors, surfaces);
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
