package dev.stoa.safety;

import java.util.Locale;
import java.util.Optional;

/** The stable ids of the detectors: they appear in policies, events and APIs, so they never change. */
public enum DetectorId {
    EMAIL,
    PHONE,
    PAYMENT_CARD,
    IBAN,
    NATIONAL_ID,
    SECRET,
    PROMPT_INJECTION;

    /** The wire id, e.g. {@code payment_card}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The detector with this wire id, if there is one (exact, lower case). */
    public static Optional<DetectorId> fromId(String id) {
        for (DetectorId d : values()) {
            if (d.id().equals(id)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
