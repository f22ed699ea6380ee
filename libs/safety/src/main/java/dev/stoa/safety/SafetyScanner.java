package dev.stoa.safety;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Applies a {@link SafetyPolicy} to a text: runs the detectors the policy enables for the surface, keeps one finding
 * where several overlap (the more specific detector wins: secret, IBAN, card, national id, e-mail, phone, then
 * prompt injection), and redacts or blocks as the policy says. Thread-safe; build one and share it.
 */
public final class SafetyScanner {

    /** Overlap precedence: earlier wins. */
    private static final List<DetectorId> PRECEDENCE = List.of(
            DetectorId.SECRET,
            DetectorId.IBAN,
            DetectorId.PAYMENT_CARD,
            DetectorId.NATIONAL_ID,
            DetectorId.EMAIL,
            DetectorId.PHONE,
            DetectorId.PROMPT_INJECTION);

    private final List<Detector> detectors;

    public SafetyScanner(List<Detector> detectors) {
        this.detectors = detectors.stream()
                .sorted(Comparator.comparingInt(d -> PRECEDENCE.indexOf(d.id())))
                .toList();
    }

    /** Every built-in detector; phone numbers without a country code are read as numbers of {@code phoneRegion}. */
    public static SafetyScanner standard(String phoneRegion) {
        return new SafetyScanner(List.of(
                new EmailDetector(),
                new PhoneDetector(phoneRegion),
                new PaymentCardDetector(),
                new IbanDetector(),
                new NationalIdDetector(),
                new SecretDetector(),
                new PromptInjectionDetector()));
    }

    /** Every built-in detector, phone numbers without a country code read as US numbers. */
    public static SafetyScanner standard() {
        return standard("US");
    }

    /** Scans {@code text} from {@code surface} under {@code policy}. */
    public ScanResult scan(String text, Surface surface, SafetyPolicy policy) {
        List<Finding> kept = new ArrayList<>();
        for (Detector detector : detectors) {
            if (!policy.applies(detector.id(), surface)) {
                continue;
            }
            for (Finding f : detector.detect(text)) {
                if (kept.stream().noneMatch(f::overlaps)) {
                    kept.add(f);
                }
            }
        }
        kept.sort(Comparator.comparingInt(Finding::start));
        List<Detection> detections = new ArrayList<>(kept.size());
        StringBuilder redacted = new StringBuilder(text.length());
        int copied = 0;
        boolean blocked = false;
        for (Finding f : kept) {
            SafetyAction action = policy.rule(f.detector()).action();
            detections.add(new Detection(f, action));
            blocked |= action == SafetyAction.BLOCK;
            if (action != SafetyAction.FLAG) {
                redacted.append(text, copied, f.start())
                        .append("[REDACTED:")
                        .append(f.detector().id())
                        .append(']');
                copied = f.end();
            }
        }
        redacted.append(text, copied, text.length());
        return new ScanResult(detections, redacted.toString(), blocked);
    }
}
