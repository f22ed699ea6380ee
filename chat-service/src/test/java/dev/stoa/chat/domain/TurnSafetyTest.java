package dev.stoa.chat.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.safety.DetectorId;
import dev.stoa.safety.DetectorRule;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.Surface;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the model's answer is held back until scanned, and when it streams as it comes. */
class TurnSafetyTest {

    @Test
    void holdsModelOutputOnlyWhenAnEnabledDetectorRedactsOrBlocksIt() {
        assertThat(TurnSafety.holdsModelOutput(SafetyPolicy.defaults())).isFalse();
        assertThat(TurnSafety.holdsModelOutput(
                        policy(new DetectorRule(true, SafetyAction.REDACT), Surface.MODEL_OUTPUT)))
                .isTrue();
        assertThat(TurnSafety.holdsModelOutput(
                        policy(new DetectorRule(true, SafetyAction.BLOCK), Surface.MODEL_OUTPUT, Surface.USER_INPUT)))
                .isTrue();
        // A redacting rule that is off, or that applies to other surfaces only, leaves the stream alone.
        assertThat(TurnSafety.holdsModelOutput(
                        policy(new DetectorRule(false, SafetyAction.REDACT), Surface.MODEL_OUTPUT)))
                .isFalse();
        assertThat(TurnSafety.holdsModelOutput(
                        policy(new DetectorRule(true, SafetyAction.BLOCK), Surface.USER_INPUT, Surface.TOOL_RESULTS)))
                .isFalse();
    }

    private static SafetyPolicy policy(DetectorRule emailRule, Surface first, Surface... more) {
        return new SafetyPolicy(
                Map.of(DetectorId.EMAIL, emailRule, DetectorId.PHONE, DetectorRule.DEFAULT), EnumSet.of(first, more));
    }
}
