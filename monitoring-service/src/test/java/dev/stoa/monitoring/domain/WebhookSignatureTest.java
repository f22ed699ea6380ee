package dev.stoa.monitoring.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature scheme of docs/webhooks.md, and the retry schedule. */
class WebhookSignatureTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256InHex() {
        // the vector of docs/webhooks.md (computed independently with Python's hmac module)
        assertThat(WebhookSignature.sign("whsec_test", 1_700_000_000L, "{\"id\":\"evt_1\"}"))
                .isEqualTo("v1=c89214b5b5da833daed6f0b8c5bb6bd58cea9022bd80ccc78230f3942d632925");
    }

    @Test
    void newSecretsAreRandomAndPrefixed() {
        String a = WebhookSignature.newSecret();
        assertThat(a).startsWith("whsec_").hasSize(6 + 43);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(a);
    }

    @Test
    void retriesFollowTheDelaysWithJitterThenStop() {
        OffsetDateTime now = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        List<Duration> delays = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2));
        for (int i = 0; i < 50; i++) {
            assertThat(WebhookDeliveries.nextAttempt(1, delays, now))
                    .isBetween(now.plusSeconds(24), now.plusSeconds(36));
            assertThat(WebhookDeliveries.nextAttempt(2, delays, now))
                    .isBetween(now.plusSeconds(96), now.plusSeconds(144));
        }
        assertThat(WebhookDeliveries.nextAttempt(3, delays, now)).isNull();
    }
}
