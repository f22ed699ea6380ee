package dev.stoa.agent.domain.model;

import java.util.List;

/** What a provider probe found. */
public record ProbeOutcome(boolean ok, long latencyMillis, List<String> models) {
    public ProbeOutcome {
        models = List.copyOf(models);
    }
}
