package dev.stoa.tools.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import dev.stoa.tools.domain.model.CallContext;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Scanning of a call's JSON: each string value on its own, redaction keeps the JSON valid, findings counted. */
class ToolSafetyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CallContext CONTEXT = new CallContext("agt_1", 1, "cnv_1", "trn_1", "usr_1");
    private static final String CARD = "4111 1111 1111 1111";

    private final List<ScanResult> published = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ToolSafety safety = new ToolSafety(
            SafetyScanner.standard(),
            (org, agent) -> SafetyPolicy.defaults(),
            (org, context, surface, scan) -> published.add(scan),
            meters);

    @Test
    void redactsEachStringValueAndKeepsTheDocumentValidJson() {
        String json = "{\"note\":\"card " + CARD + "\",\"items\":[\"a\",{\"quote\":\"\\\"" + CARD + "\\\"\"}],\"n\":3}";

        ToolSafety.Checked checked =
                safety.check("org_1", CONTEXT, every(SafetyAction.REDACT), Surface.TOOL_ARGUMENTS, json);

        assertThat(checked.blocking()).isNull();
        assertThat(JSON.readTree(checked.json()))
                .isEqualTo(JSON.readTree("{\"note\":\"card [REDACTED:payment_card]\",\"items\":[\"a\","
                        + "{\"quote\":\"\\\"[REDACTED:payment_card]\\\"\"}],\"n\":3}"));
        assertThat(published).singleElement().satisfies(scan -> assertThat(scan.detections())
                .hasSize(2));
        assertThat(meters.get("stoa.tools.safety.findings")
                        .tag("surface", "tool_arguments")
                        .tag("action", "redact")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void flagsLeaveTheTextAsSentAndBlocksNameTheDetector() {
        String json = "{\"note\":\"card " + CARD + "\"}";

        assertThat(safety.check("org_1", CONTEXT, SafetyPolicy.defaults(), Surface.TOOL_RESULTS, json)
                        .json())
                .isSameAs(json);
        ToolSafety.Checked blocked =
                safety.check("org_1", CONTEXT, every(SafetyAction.BLOCK), Surface.TOOL_RESULTS, "\"" + CARD + "\"");
        assertThat(blocked.blocking()).isNotNull();
        assertThat(blocked.json()).isEqualTo("\"[REDACTED:payment_card]\"");
        assertThat(blocked.message(Surface.TOOL_RESULTS))
                .contains("payment_card")
                .doesNotContain("4111");
    }

    @Test
    void aPolicyOffTheSurfaceScansNothing() {
        SafetyPolicy userInputOnly =
                new SafetyPolicy(every(SafetyAction.BLOCK).detectors(), EnumSet.of(Surface.USER_INPUT));

        ToolSafety.Checked checked =
                safety.check("org_1", CONTEXT, userInputOnly, Surface.TOOL_ARGUMENTS, "{\"note\":\"" + CARD + "\"}");

        assertThat(checked.blocking()).isNull();
        assertThat(published).isEmpty();
    }

    @Test
    void scanningASmallCleanArgumentCostsMicroseconds() {
        // the dispatch benchmark's p50 is ~2.8 ms: the scan of a small argument must stay far below 0.1 ms
        String json = "{\"city\":\"Oslo\",\"units\":\"metric\",\"days\":3}";
        SafetyPolicy policy = SafetyPolicy.defaults();
        for (int i = 0; i < 20_000; i++) {
            safety.check("org_1", CONTEXT, policy, Surface.TOOL_ARGUMENTS, json);
        }
        int runs = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            safety.check("org_1", CONTEXT, policy, Surface.TOOL_ARGUMENTS, json);
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / runs;
        System.out.printf("ToolSafety: %.1f us per small argument scan%n", micros);
        // generous for a shared CI machine; the figure measured here is reported by the line above
        assertThat(micros).isLessThan(100);
    }

    private static SafetyPolicy every(SafetyAction action) {
        Map<String, dev.stoa.safety.DetectorRule> rules = new java.util.HashMap<>();
        for (dev.stoa.safety.DetectorId id : dev.stoa.safety.DetectorId.values()) {
            rules.put(id.id(), new dev.stoa.safety.DetectorRule(true, action));
        }
        return SafetyPolicy.fromWire(rules, List.of("tool_arguments", "tool_results", "user_input", "model_output"));
    }
}
