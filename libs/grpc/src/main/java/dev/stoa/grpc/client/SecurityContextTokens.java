package dev.stoa.grpc.client;

import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.util.ClassUtils;

/**
 * The bearer token of the current Spring Security context (a REST request being served), found generically so
 * stoa-grpc needs neither stoa-web nor Spring Security at runtime.
 */
final class SecurityContextTokens {
    private static final boolean SECURITY_PRESENT = ClassUtils.isPresent(
            "org.springframework.security.core.context.SecurityContextHolder",
            SecurityContextTokens.class.getClassLoader());
    private static final boolean OAUTH2_PRESENT = SECURITY_PRESENT
            && ClassUtils.isPresent(
                    "org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken",
                    SecurityContextTokens.class.getClassLoader());

    private SecurityContextTokens() {}

    static Optional<String> current() {
        return SECURITY_PRESENT ? Lookup.current(OAUTH2_PRESENT) : Optional.empty();
    }

    /** Loaded only when Spring Security is present. */
    private static final class Lookup {
        // Only a compact JWS is ever propagated: a String credential could otherwise be a password.
        private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

        static Optional<String> current(boolean oauth2) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null || !authentication.isAuthenticated()) {
                return Optional.empty();
            }
            if (oauth2 && authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
                return Optional.of(token.getToken().getTokenValue());
            }
            Object credentials = authentication.getCredentials();
            if (credentials instanceof Jwt jwt) {
                return Optional.of(jwt.getTokenValue());
            }
            if (credentials instanceof String value && JWT.matcher(value).matches()) {
                return Optional.of(value);
            }
            return Optional.empty();
        }
    }
}
