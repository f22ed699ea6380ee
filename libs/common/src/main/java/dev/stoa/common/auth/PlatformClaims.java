package dev.stoa.common.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * The claims of a platform token (RS256 JWT issued by identity-service) and their mapping to a {@link Principal}.
 * Every validator of platform tokens (services, gRPC, gateway) uses {@link #validator(String)} so they agree.
 */
public final class PlatformClaims {
    public static final String AUDIENCE = "stoa";
    public static final String ORG_ID = "org_id";
    public static final String USER_ID = "user_id";
    public static final String ROLE = "role";
    public static final String SCOPES = "scopes";
    public static final String SESSION_ID = "sid";
    public static final String TOKEN_TYPE = "typ";

    private PlatformClaims() {}

    /** Issuer, audience, expiry (30 s skew) and the presence of the Stoa claims. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtTimestampValidator(Duration.ofSeconds(30)),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(AUDIENCE)),
                jwt -> jwt.getExpiresAt() != null && jwt.getClaimAsString(TOKEN_TYPE) != null
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(
                                new OAuth2Error("invalid_token", "not a platform token", null)));
    }

    /** The principal a validated token describes. */
    public static Principal toPrincipal(Jwt jwt) {
        return toPrincipal(jwt.getClaims());
    }

    public static Principal toPrincipal(Map<String, Object> claims) {
        String role = (String) claims.get(ROLE);
        return new Principal(
                stringOr(claims.get(ORG_ID), ""),
                stringOr(claims.get("sub"), ""),
                (String) claims.get(USER_ID),
                role == null ? null : Role.fromWire(role),
                scopes(claims.get(SCOPES)),
                TokenType.fromWire(stringOr(claims.get(TOKEN_TYPE), "")),
                stringOr(claims.get(SESSION_ID), ""));
    }

    /** The Stoa-specific claims of a principal (the issuer adds iss, aud, sub, iat, exp, jti). */
    public static Map<String, Object> toClaims(Principal principal) {
        Map<String, Object> claims = new java.util.LinkedHashMap<>();
        claims.put(ORG_ID, principal.orgId());
        if (principal.userId() != null) {
            claims.put(USER_ID, principal.userId());
        }
        if (principal.role() != null) {
            claims.put(ROLE, principal.role().wire());
        }
        claims.put(SCOPES, new ArrayList<>(principal.scopes()));
        claims.put(TOKEN_TYPE, principal.tokenType().wire());
        claims.put(SESSION_ID, principal.sessionId());
        return claims;
    }

    private static Set<String> scopes(@Nullable Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(item -> out.add(String.valueOf(item)));
        } else if (value instanceof String s && !s.isBlank()) {
            out.addAll(List.of(s.split(" ")));
        }
        return out;
    }

    private static String stringOr(@Nullable Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
