package dev.stoa.common.auth;

import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** The one decoder of platform tokens, shared by the REST (stoa-web) and gRPC (stoa-grpc) resource servers. */
public final class PlatformJwtDecoders {
    private PlatformJwtDecoders() {}

    /**
     * RS256 only (never "none" or HMAC), keys from identity-service's JWKS, Stoa issuer/audience/claims; verified tokens
     * are remembered for a minute at most ({@link CachingJwtDecoder}).
     */
    public static JwtDecoder fromJwks(@Nullable String jwksUri, String issuer) {
        if (jwksUri == null || jwksUri.isBlank()) {
            throw new IllegalStateException("stoa.security.jwks-uri must be set (or a JwtDecoder bean supplied)");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwksUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(PlatformClaims.validator(issuer));
        return new CachingJwtDecoder(decoder, Clock.systemUTC());
    }
}
