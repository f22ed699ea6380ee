package dev.stoa.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policies read from their wire form, as monitoring stores them and the SafetyPolicies gRPC service sends them. */
class SafetyPolicyTest {

    @Test
    void readsTheWireFormSkippingWhatItDoesNotKnow() {
        SafetyPolicy policy = SafetyPolicy.fromWire(
                Map.of(
                        "payment_card", DetectorRule.fromWire(true, "block"),
                        "phone", DetectorRule.fromWire(false, "flag"),
                        "secret", DetectorRule.fromWire(true, "quarantine"),
                        "horoscope", DetectorRule.fromWire(true, "block")),
                List.of("user_input", "memory", "tool_results"));

        assertThat(policy.rule(DetectorId.PAYMENT_CARD)).isEqualTo(new DetectorRule(true, SafetyAction.BLOCK));
        assertThat(policy.rule(DetectorId.PHONE).enabled()).isFalse();
        assertThat(policy.rule(DetectorId.SECRET))
                .as("an unknown action is read as flag")
                .isEqualTo(DetectorRule.DEFAULT);
        assertThat(policy.rule(DetectorId.IBAN))
                .as("a detector the map lacks runs with the default rule")
                .isEqualTo(DetectorRule.DEFAULT);
        assertThat(policy.detectors()).hasSize(DetectorId.values().length);
        assertThat(policy.surfaces()).containsExactly(Surface.USER_INPUT, Surface.TOOL_RESULTS);
        assertThat(policy.applies(DetectorId.PAYMENT_CARD, Surface.MODEL_OUTPUT))
                .isFalse();
    }

    @Test
    void defaultsRunEveryDetectorWithFlagOnEverySurface() {
        SafetyPolicy defaults = SafetyPolicy.defaults();

        for (DetectorId id : DetectorId.values()) {
            assertThat(defaults.rule(id)).isEqualTo(DetectorRule.DEFAULT);
            for (Surface surface : Surface.values()) {
                assertThat(defaults.applies(id, surface)).isTrue();
            }
        }
    }

    @Test
    void wireIdsRoundTrip() {
        for (DetectorId id : DetectorId.values()) {
            assertThat(DetectorId.fromId(id.id())).hasValue(id);
        }
        assertThat(DetectorId.fromId("PAYMENT_CARD")).isEmpty();
        assertThat(SafetyAction.fromId("redact")).hasValue(SafetyAction.REDACT);
        assertThat(Surface.fromId("tool_arguments")).hasValue(Surface.TOOL_ARGUMENTS);
    }
}
