package dev.stoa.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private static final String V1 = SecretBox.newKey();
    private static final String V2 = SecretBox.newKey();
    private final SecretBox box = new SecretBox(Map.of("v1", V1), "v1");

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        String sealed = box.sealString("sk-live-123", "org_a|prv_1");

        assertThat(sealed).startsWith("v1:").doesNotContain("sk-live");
        assertThat(box.openString(sealed, "org_a|prv_1")).isEqualTo("sk-live-123");
        assertThat(box.sealString("sk-live-123", "org_a|prv_1")).isNotEqualTo(sealed);
    }

    @Test
    void rejectsASecretMovedToAnotherRecord() {
        String sealed = box.sealString("sk-live-123", "org_a|prv_1");

        assertThatThrownBy(() -> box.open(sealed, "org_b|prv_1"))
                .isInstanceOfSatisfying(SecretBoxException.class, e -> {
                    assertThat(e.code()).isEqualTo("secret_unreadable");
                    assertThat(e.getMessage()).doesNotContain("sk-live").doesNotContain(V1);
                });
    }

    @Test
    void rejectsTamperedText() {
        String sealed = box.sealString("sk-live-123", "org_a|prv_1");
        byte[] body = Base64.getDecoder().decode(sealed.substring(3));
        body[body.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(body);

        assertThatThrownBy(() -> box.open(tampered, "org_a|prv_1")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v1:!!notbase64", "org_a|prv_1")).isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> box.open("v1:AAAA", "org_a|prv_1")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void rejectsUnknownAndRelabelledVersions() {
        SecretBox ring = new SecretBox(Map.of("v1", V1, "v2", V2), "v2");
        String sealed = ring.sealString("sk-live-123", "org_a|prv_1");

        assertThatThrownBy(() -> ring.open("v9" + sealed.substring(2), "org_a|prv_1"))
                .isInstanceOf(SecretBoxException.class);
        // Same bytes under another configured version: the AAD binds the version too.
        SecretBox sameKeyTwice = new SecretBox(Map.of("v1", V2, "v2", V2), "v2");
        assertThatThrownBy(() -> sameKeyTwice.open("v1" + sealed.substring(2), "org_a|prv_1"))
                .isInstanceOf(SecretBoxException.class);
        assertThatThrownBy(() -> ring.open("no-version", "org_a|prv_1")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void opensOldVersionsAndFlagsThemForRotation() {
        String old = box.sealString("sk-live-123", "org_a|prv_1");
        SecretBox rotated = new SecretBox(Map.of("v1", V1, "v2", V2), "v2");

        assertThat(rotated.needsRotation(old)).isTrue();
        assertThat(rotated.openString(old, "org_a|prv_1")).isEqualTo("sk-live-123");
        String resealed = rotated.reseal(old, "org_a|prv_1");
        assertThat(resealed).startsWith("v2:");
        assertThat(rotated.needsRotation(resealed)).isFalse();
    }

    @Test
    void failsClosedWithoutKeys() {
        SecretBox empty = new SecretBox(new SecretsProperties(Map.of(), null));

        assertThat(empty.available()).isFalse();
        assertThatThrownBy(() -> empty.sealString("x", "org_a|prv_1"))
                .isInstanceOfSatisfying(SecretBoxUnavailableException.class, e -> assertThat(e.code())
                        .isEqualTo("secrets_unavailable"));
        assertThatThrownBy(() -> empty.open("v1:AAAA", "org_a|prv_1"))
                .isInstanceOf(SecretBoxUnavailableException.class);
    }

    @Test
    void refusesAMalformedKeyRingWithoutEchoingIt() {
        assertThatThrownBy(() -> new SecretBox(Map.of("v1", "c2hvcnQ="), "v1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> new SecretBox(Map.of("v1", V1), "v2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(Map.of("v1", V1, "v2", V2), null))
                .isInstanceOf(IllegalStateException.class);
    }
}
