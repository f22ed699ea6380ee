package dev.stoa.safetyclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.safety.DetectorId;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetyFindingsTest {

    @Test
    void oneEventPerDetectionWithTheMaskedPreviewAndNeverTheText() {
        SafetyPolicy policy = new SafetyPolicy(
                Map.of(
                        DetectorId.PAYMENT_CARD, new DetectorRule(true, SafetyAction.REDACT),
                        DetectorId.EMAIL, new DetectorRule(true, SafetyAction.FLAG)),
                EnumSet.allOf(Surface.class));
        ScanResult scan = SafetyScanner.standard()
                .scan("card 4111 1111 1111 1111, mail jane.doe@example.com", Surface.TOOL_ARGUMENTS, policy);
        Instant at = Instant.parse("2026-12-03T10:15:30.5Z");

        List<SafetyFinding> findings = SafetyFindings.of(
                scan, Surface.TOOL_ARGUMENTS, new SafetyFindings.Origin("org", "agent", "conv", "turn"), at);

        assertThat(findings).extracting(SafetyFinding::getDetector).containsExactly("payment_card", "email");
        assertThat(findings).extracting(SafetyFinding::getAction).containsExactly("redact", "flag");
        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.getOrgId()).isEqualTo("org");
            assertThat(finding.getAgentId()).isEqualTo("agent");
            assertThat(finding.getConversationId()).isEqualTo("conv");
            assertThat(finding.getTurnId()).isEqualTo("turn");
            assertThat(finding.getSurface()).isEqualTo("tool_arguments");
            assertThat(finding.getOccurredAt().getSeconds()).isEqualTo(at.getEpochSecond());
            assertThat(finding.getOccurredAt().getNanos()).isEqualTo(500_000_000);
            assertThat(finding.toString()).doesNotContain("4111 1111 1111 1111", "jane.doe@example.com");
        });
    }
}
