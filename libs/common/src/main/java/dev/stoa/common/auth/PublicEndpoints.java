package dev.stoa.common.auth;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one list of identity's endpoints that need no credentials, as {@code "METHOD pattern"}: identity-service serves
 * them without a token and the gateway lets them through without one. Both read this list, so they cannot drift.
 */
public final class PublicEndpoints {
    /** identity-service's public endpoints. */
    public static final List<String> IDENTITY = List.of(
            "POST /api/v1/auth/register",
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/verify-email",
            "POST /api/v1/auth/forgot-password",
            "POST /api/v1/auth/reset-password",
            "POST /api/v1/auth/accept-invite",
            "GET /.well-known/jwks.json");

    private PublicEndpoints() {}

    /** The method of an entry, or null when it names none (any method). */
    public static @Nullable String method(String entry) {
        String trimmed = entry.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? null : trimmed.substring(0, space);
    }

    /** The path pattern of an entry. */
    public static String path(String entry) {
        String trimmed = entry.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(space + 1).strip();
    }
}
