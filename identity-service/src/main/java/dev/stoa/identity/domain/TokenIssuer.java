package dev.stoa.identity.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.id.Ids;
import dev.stoa.identity.domain.model.IssuedToken;
import dev.stoa.identity.domain.port.IdentitySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.springframework.stereotype.Service;

/** Mints platform tokens: RS256 JWTs signed by the current signing key. */
@Service
public final class TokenIssuer {
    private final SigningKeyService keys;
    private final IdentitySettings properties;
    private final Clock clock;

    public TokenIssuer(SigningKeyService keys, IdentitySettings properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for {@code principal} valid for {@code ttl}, or until {@code notAfter} if that is sooner. */
    public IssuedToken issue(Principal principal, Duration ttl, OffsetDateTime notAfter) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        if (notAfter.toInstant().isBefore(expires)) {
            expires = notAfter.toInstant();
        }
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(List.of(PlatformClaims.AUDIENCE))
                .subject(principal.subject())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .jwtID(Ids.generate("jti"));
        PlatformClaims.toClaims(principal).forEach(claims::claim);
        RSAKey key = keys.signingKey();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), OffsetDateTime.ofInstant(expires, ZoneOffset.UTC));
    }

    public IssuedToken issue(Principal principal, Duration ttl) {
        return issue(principal, ttl, OffsetDateTime.MAX);
    }
}
