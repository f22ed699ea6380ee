package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.stoa.identity.Api.Session;
import dev.stoa.identity.domain.ServiceTokens;
import dev.stoa.identity.domain.TokenIssuer;
import dev.stoa.test.TestHttp.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IdentityServiceTest
class SigningKeyRotationIT {
    private final Api api;

    SigningKeyRotationIT(Api api) {
        this.api = api;
    }

    @Autowired
    TokenIssuer tokens;

    @Test
    void rotationKeepsLiveTokensValidAndPublishesBothKeys() throws Exception {
        Session before = api.registerFresh();
        String oldKid = SignedJWT.parse(before.accessToken()).getHeader().getKeyID();
        String serviceToken = tokens.issue(ServiceTokens.principalFor("ops"), Duration.ofMinutes(1))
                .value();

        Response rotated = api.post("/internal/signing-keys/rotate", serviceToken, null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newKid = rotated.json().path("kid").asString();

        Session after = api.registerFresh();
        assertThat(SignedJWT.parse(after.accessToken()).getHeader().getKeyID())
                .isEqualTo(newKid)
                .isNotEqualTo(oldKid);
        assertThat(api.get("/api/v1/auth/me", before.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", after.accessToken()).status()).isEqualTo(200);
        Response jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.body()).contains(oldKid, newKid).doesNotContain("\"d\"");
    }

    @Test
    void onlyServiceCallersMayRotate() {
        Session user = api.registerFresh();

        assertThat(api.post("/internal/signing-keys/rotate", user.accessToken(), null)
                        .status())
                .isEqualTo(403);
    }
}
