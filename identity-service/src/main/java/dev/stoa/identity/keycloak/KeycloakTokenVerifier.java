package dev.stoa.identity.keycloak;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.identity.config.IdentityProperties;
import dev.stoa.identity.domain.Secrets;
import dev.stoa.identity.domain.port.ExternalTokenVerifier;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a realm access token: RS256 signature against the realm's JWKS (cached, refetched for an unknown key
 * id), issuer, expiry (with {@code clock-skew}), {@code typ: Bearer} and an authorized party ({@code azp}) among the
 * accepted clients.
 */
public final class KeycloakTokenVerifier implements ExternalTokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(KeycloakTokenVerifier.class);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<String> acceptedClients;

    public KeycloakTokenVerifier(IdentityProperties.Keycloak settings) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(settings.realmUrl() + "/protocol/openid-connect/certs")
                            .toURL())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("stoa.identity.keycloak.base-url is not a URL", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                null,
                new JWTClaimsSet.Builder()
                        .issuer(settings.effectiveIssuer())
                        .claim("typ", "Bearer")
                        .build(),
                Set.of("sub", "exp", "iat", "azp"));
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
        this.acceptedClients = Set.copyOf(settings.acceptedClients());
    }

    @Override
    public VerifiedToken verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException e) {
            log.debug("Keycloak token refused: {}", e.getMessage());
            throw invalid();
        } catch (com.nimbusds.jose.JOSEException e) {
            // the JWKS could not be fetched
            log.warn("could not verify a Keycloak token: {}", e.toString());
            throw new StoaException(
                    ErrorKind.UNAVAILABLE,
                    "keycloak_unavailable",
                    "Keycloak tokens cannot be verified right now",
                    true,
                    List.of(),
                    e);
        }
        try {
            String azp = claims.getStringClaim("azp");
            if (azp == null || !acceptedClients.contains(azp)) {
                throw invalid();
            }
            String orgId = claims.getStringClaim("org_id");
            String sid = claims.getStringClaim("sid");
            String session = "kc_"
                    + (sid != null && !sid.isBlank()
                            ? sid
                            : Secrets.sha256Hex(token).substring(0, 32));
            return new VerifiedToken(
                    claims.getSubject(),
                    orgId == null || orgId.isBlank() ? null : orgId,
                    claims.getExpirationTime().toInstant(),
                    session);
        } catch (ParseException e) {
            throw invalid();
        }
    }

    private static UnauthenticatedException invalid() {
        return new UnauthenticatedException("invalid_token", "the Keycloak token is invalid or has expired");
    }
}
