package dev.stoa.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Signs platform tokens (RS256, as identity-service does) and well-formed bad ones, for services' tests. */
public final class TestJwtIssuer {
    public static final String DEFAULT_ISSUER = "stoa-test";
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final String issuer;
    private final RSAKey key;

    public TestJwtIssuer() {
        this(DEFAULT_ISSUER);
    }

    public TestJwtIssuer(String issuer) {
        this.issuer = issuer;
        this.key = generate(Ids.generate("kid"));
    }

    public String issuer() {
        return issuer;
    }

    public String keyId() {
        return key.getKeyID();
    }

    public RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a JWK Set document. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    RSAKey publicJwk() {
        return key.toPublicJWK();
    }

    /** A valid token for {@code principal}, valid for five minutes. */
    public String issue(Principal principal) {
        return issue(principal, DEFAULT_TTL);
    }

    /** A valid token for {@code principal}, valid for {@code ttl}. */
    public String issue(Principal principal, Duration ttl) {
        return sign(key, claims(principal, issuer, Instant.now(), ttl));
    }

    /** A token that expired five minutes ago (well past any clock skew allowance). */
    public String expired(Principal principal) {
        return sign(key, claims(principal, issuer, Instant.now().minus(Duration.ofMinutes(10)), DEFAULT_TTL));
    }

    /** A correctly signed token whose {@code iss} is another issuer. */
    public String withWrongIssuer(Principal principal) {
        return sign(key, claims(principal, issuer + "-other", Instant.now(), DEFAULT_TTL));
    }

    /** The same claims with {@code alg: none} and no signature. */
    public String unsigned(Principal principal) {
        return new PlainJWT(claims(principal, issuer, Instant.now(), DEFAULT_TTL)).serialize();
    }

    /** A signed token whose payload was then changed (the org id) so that the signature no longer matches. */
    public String tampered(Principal principal) {
        String[] parts = issue(principal).split("\\.");
        JWTClaimsSet forged = new JWTClaimsSet.Builder(claims(principal, issuer, Instant.now(), DEFAULT_TTL))
                .claim(PlatformClaims.ORG_ID, principal.orgId() + "x")
                .build();
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(forged.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** A token signed by a key the JWKS does not hold, under this issuer's key id (a forgery, not a rotation). */
    public String signedByOtherKey(Principal principal) {
        return sign(generate(key.getKeyID()), claims(principal, issuer, Instant.now(), DEFAULT_TTL));
    }

    /** Signs arbitrary claims with this issuer's key (for tokens missing or misusing a claim). */
    public String sign(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        return sign(key, builder.build());
    }

    private static JWTClaimsSet claims(Principal principal, String iss, Instant issuedAt, Duration ttl) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(iss)
                .audience(List.of(PlatformClaims.AUDIENCE))
                .subject(principal.subject())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(ttl)))
                .jwtID(Ids.generate("jti"));
        PlatformClaims.toClaims(principal).forEach(builder::claim);
        return builder.build();
    }

    private static String sign(RSAKey signingKey, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign test token", e);
        }
        return jwt.serialize();
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate RSA key", e);
        }
    }
}
