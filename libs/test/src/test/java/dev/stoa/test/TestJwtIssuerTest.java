package dev.stoa.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class TestJwtIssuerTest {
    private static final TestJwtIssuer ISSUER = new TestJwtIssuer();
    private static final TestJwtIssuer OTHER = new TestJwtIssuer("other-issuer");
    private static final Principal ALICE = Principals.user("org_a", "usr_alice", Role.ADMIN);

    private static JwksServer jwks;
    private static JwtDecoder decoder;

    @BeforeAll
    static void startJwks() {
        jwks = JwksServer.start(ISSUER, OTHER);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSetUri(jwks.jwksUri()).build();
        nimbus.setJwtValidator(PlatformClaims.validator(ISSUER.issuer()));
        decoder = nimbus;
    }

    @AfterAll
    static void stopJwks() {
        jwks.close();
    }

    @Test
    void issuedTokenValidatesAgainstServedJwksAndCarriesThePrincipal() {
        Principal key = Principals.apiKey("org_a", "key_1", "usr_alice", Role.MEMBER, Set.of("agents:read"));

        Principal decoded = PlatformClaims.toPrincipal(decoder.decode(ISSUER.issue(key, Duration.ofMinutes(1))));

        assertThat(decoded).isEqualTo(key);
        assertThat(jwks.requestCount()).isPositive();
    }

    @Test
    void serviceAndSdkPrincipalsRoundTrip() {
        Principal service = Principals.service("chat-service");
        Principal sdk = Principals.sdk("org_a", "sdk_1");

        assertThat(PlatformClaims.toPrincipal(decoder.decode(ISSUER.issue(service))))
                .isEqualTo(service);
        assertThat(PlatformClaims.toPrincipal(decoder.decode(ISSUER.issue(sdk))).tokenType())
                .isEqualTo(TokenType.SDK);
    }

    @Test
    void rejectsEveryKindOfBadToken() {
        assertThatThrownBy(() -> decoder.decode(ISSUER.expired(ALICE))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(ISSUER.withWrongIssuer(ALICE))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(ISSUER.unsigned(ALICE))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(ISSUER.tampered(ALICE))).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(ISSUER.signedByOtherKey(ALICE))).isInstanceOf(JwtException.class);
        // Signed by a key the JWKS serves, but for another issuer.
        assertThatThrownBy(() -> decoder.decode(OTHER.issue(ALICE))).isInstanceOf(JwtException.class);
    }

    @Test
    void jwksJsonHoldsOnlyThePublicKey() {
        assertThat(ISSUER.jwksJson()).contains(ISSUER.keyId()).doesNotContain("\"d\"");
    }
}
