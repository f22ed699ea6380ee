package dev.stoa.safetyclient;

import com.google.protobuf.Timestamp;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.safety.Detection;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import java.time.Instant;
import java.util.List;

/**
 * The {@code stoa.safety.v1} events of a scan: one {@link SafetyFinding} per detection, carrying the masked preview and
 * never the matched text.
 */
public final class SafetyFindings {
    private SafetyFindings() {}

    /** Where in the platform a scanned text belongs; empty strings where the text has no such owner. */
    public record Origin(String orgId, String agentId, String conversationId, String turnId) {}

    public static List<SafetyFinding> of(ScanResult scan, Surface surface, Origin origin, Instant at) {
        Timestamp occurred = Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
        return scan.detections().stream()
                .map(detection -> finding(detection, surface, origin, occurred))
                .toList();
    }

    private static SafetyFinding finding(Detection detection, Surface surface, Origin origin, Timestamp occurred) {
        return SafetyFinding.newBuilder()
                .setOrgId(origin.orgId())
                .setAgentId(origin.agentId())
                .setConversationId(origin.conversationId())
                .setTurnId(origin.turnId())
                .setSurface(surface.id())
                .setDetector(detection.finding().detector().id())
                .setAction(detection.action().id())
                .setPreview(detection.finding().preview())
                .setOccurredAt(occurred)
                .build();
    }
}
