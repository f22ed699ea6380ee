package dev.stoa.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scanner applies a policy: which detectors, which surfaces, and flag, redact or block. */
class SafetyScannerTest {

    private static final String CARD = "4111 1111 1111 1111";
    private static final SafetyScanner SCANNER = SafetyScanner.standard();

    private static SafetyPolicy policy(Map<DetectorId, DetectorRule> rules) {
        return new SafetyPolicy(rules, EnumSet.allOf(Surface.class));
    }

    @Test
    void defaultPolicyFlagsEveryDetectorOnEverySurfaceAndLeavesTheText() {
        // given
        String text = "mail ada@example.com, card " + CARD + ", key AKIAIOSFODNN7EXAMPLE";
        // when
        ScanResult result = SCANNER.scan(text, Surface.TOOL_RESULTS, SafetyPolicy.defaults());
        // then
        assertThat(result.detections())
                .extracting(d -> d.finding().detector())
                .containsExactly(DetectorId.EMAIL, DetectorId.PAYMENT_CARD, DetectorId.SECRET);
        assertThat(result.detections()).allMatch(d -> d.action() == SafetyAction.FLAG);
        assertThat(result.text()).isEqualTo(text);
        assertThat(result.blocked()).isFalse();
    }

    @Test
    void redactsWhatThePolicySaysToRedact() {
        SafetyPolicy policy = policy(Map.of(
                DetectorId.PAYMENT_CARD, new DetectorRule(true, SafetyAction.REDACT),
                DetectorId.EMAIL, new DetectorRule(true, SafetyAction.FLAG)));

        ScanResult result = SCANNER.scan("pay " + CARD + " from ada@example.com", Surface.USER_INPUT, policy);

        assertThat(result.text()).isEqualTo("pay [REDACTED:payment_card] from ada@example.com");
        assertThat(result.detections()).hasSize(2);
        assertThat(result.blocked()).isFalse();
    }

    @Test
    void blocksAndNamesTheDetector() {
        SafetyPolicy policy = policy(Map.of(
                DetectorId.EMAIL, new DetectorRule(true, SafetyAction.REDACT),
                DetectorId.SECRET, new DetectorRule(true, SafetyAction.BLOCK)));

        ScanResult result =
                SCANNER.scan("ada@example.com sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx", Surface.USER_INPUT, policy);

        assertThat(result.blocked()).isTrue();
        assertThat(result.blocking())
                .hasValueSatisfying(d -> assertThat(d.finding().detector()).isEqualTo(DetectorId.SECRET));
        assertThat(result.text()).isEqualTo("[REDACTED:email] [REDACTED:secret]");
    }

    @Test
    void skipsDisabledDetectorsAndSurfacesOutsideThePolicy() {
        SafetyPolicy cardOff = policy(Map.of(
                DetectorId.PAYMENT_CARD,
                new DetectorRule(false, SafetyAction.BLOCK),
                DetectorId.EMAIL,
                DetectorRule.DEFAULT));
        assertThat(SCANNER.scan(CARD, Surface.USER_INPUT, cardOff).clean()).isTrue();

        SafetyPolicy outputOnly = new SafetyPolicy(
                Map.of(DetectorId.PAYMENT_CARD, new DetectorRule(true, SafetyAction.BLOCK)),
                Set.of(Surface.MODEL_OUTPUT));
        assertThat(SCANNER.scan(CARD, Surface.USER_INPUT, outputOnly).clean()).isTrue();
        assertThat(SCANNER.scan(CARD, Surface.MODEL_OUTPUT, outputOnly).blocked())
                .isTrue();
    }

    @Test
    void keepsOneFindingWhereDetectorsOverlapTheMoreSpecificOne() {
        // given: a phone detector and a card detector that both claim the same digits, and a later e-mail
        Detector phone = fixed(DetectorId.PHONE, new Finding(DetectorId.PHONE, 0, 10, "p"));
        Detector card = fixed(DetectorId.PAYMENT_CARD, new Finding(DetectorId.PAYMENT_CARD, 2, 12, "c"));
        Detector email = fixed(DetectorId.EMAIL, new Finding(DetectorId.EMAIL, 12, 20, "e"));
        SafetyScanner scanner = new SafetyScanner(List.of(phone, email, card));

        // when
        ScanResult result = scanner.scan("x".repeat(20), Surface.USER_INPUT, SafetyPolicy.defaults());

        // then
        assertThat(result.detections())
                .extracting(d -> d.finding().detector())
                .containsExactly(DetectorId.PAYMENT_CARD, DetectorId.EMAIL);
    }

    @Test
    void aDigitRunInsideAWordIsNoCard() {
        ScanResult result = SCANNER.scan("id=4111111111111111abcDEF", Surface.TOOL_ARGUMENTS, SafetyPolicy.defaults());

        assertThat(result.clean()).isTrue();
    }

    private static Detector fixed(DetectorId id, Finding finding) {
        return new Detector() {
            @Override
            public DetectorId id() {
                return id;
            }

            @Override
            public List<Finding> detect(String text) {
                return List.of(finding);
            }
        };
    }

    @Test
    void neverShowsTheRawMatchInFindingsOrTheirToString() {
        String text = "card " + CARD + " iban DE89370400440532013000 ssn 536-90-4312 key AKIAIOSFODNN7EXAMPLE";

        ScanResult result = SCANNER.scan(text, Surface.USER_INPUT, SafetyPolicy.defaults());

        assertThat(result.detections()).hasSize(4);
        String rendered = result.detections().toString();
        assertThat(rendered)
                .doesNotContain("1111 1111")
                .doesNotContain("4111111111111111")
                .doesNotContain("370400440532013000")
                .doesNotContain("536-90")
                .doesNotContain("IOSFODNN7EXAMPLE")
                .contains("****1111");
    }

    @Test
    void scansTenKilobytesQuickly() {
        // A sanity bound, not a benchmark: 10 KB of mixed text with a finding every few hundred bytes.
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 10_000) {
            sb.append("The quarterly report lists order 12345 and invoice 2024-01-15 for ada@example.com; ")
                    .append("card ")
                    .append(CARD)
                    .append(", call +44 20 7946 0958, ignore nothing. ");
        }
        String text = sb.toString();
        SCANNER.scan(text, Surface.USER_INPUT, SafetyPolicy.defaults()); // warm up

        long start = System.nanoTime();
        ScanResult result = SCANNER.scan(text, Surface.USER_INPUT, SafetyPolicy.defaults());
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.detections()).hasSizeGreaterThan(100);
        System.out.printf(
                "scanned %d chars in %d ms, %d findings%n",
                text.length(), millis, result.detections().size());
        assertThat(millis).as("a generous bound on a shared machine").isLessThan(2_000);
    }
}
