package dev.stoa.safety;

import java.util.List;
import java.util.Optional;

/**
 * What a scan found: the detections in text order, the text with every {@code redact} and {@code block} finding
 * replaced by {@code [REDACTED:<detector>]}, and whether a {@code block} finding refuses the text.
 */
public record ScanResult(List<Detection> detections, String text, boolean blocked) {

    public ScanResult {
        detections = List.copyOf(detections);
    }

    /** The first detection that blocks the text, if any: its detector is what a refusal names. */
    public Optional<Detection> blocking() {
        return detections.stream().filter(d -> d.action() == SafetyAction.BLOCK).findFirst();
    }

    /** Whether the scan found nothing. */
    public boolean clean() {
        return detections.isEmpty();
    }
}
