package dev.stoa.providers;

import java.util.List;

/**
 * What a capability probe found: whether streaming was seen to work (or is part of the protocol, when only the model
 * list was checked), the models the endpoint lists, and the probe's round-trip time.
 */
public record ProbeResult(boolean streaming, List<String> models, long latencyMillis) {
    public ProbeResult {
        models = List.copyOf(models);
    }
}
