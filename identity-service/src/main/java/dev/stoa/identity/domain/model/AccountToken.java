package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A one-time token mailed to {@code email} (never the token itself: it is stored as its hash). */
public record AccountToken(
        String id,
        String userId,
        Purpose purpose,
        String email,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt,
        @Nullable OffsetDateTime usedAt) {

    /** What a token is for. */
    public enum Purpose {
        VERIFY_EMAIL("verify_email"),
        PASSWORD_RESET("password_reset");

        private final String wire;

        Purpose(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Purpose fromWire(String wire) {
            for (Purpose purpose : values()) {
                if (purpose.wire.equals(wire)) {
                    return purpose;
                }
            }
            throw new IllegalArgumentException("unknown token purpose " + wire);
        }
    }
}
