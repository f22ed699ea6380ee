package dev.stoa.gateway.auth;

import dev.stoa.common.error.UnauthenticatedException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/** A credential as presented at the edge, classified by its shape (nothing is verified here). */
public sealed interface Credential {
    String API_KEY_HEADER = "x-api-key";
    String API_KEY_PREFIX = "stoa_sk_";
    String SDK_SECRET_PREFIX = "stoa_sdk_";

    /** A platform token (a JWT: three dot-separated parts). */
    record PlatformJwt(String token) implements Credential {
        @Override
        public String toString() { // a bearer token
            return "PlatformJwt[<redacted>]";
        }
    }

    /** An API key, exchanged with identity for a platform token. */
    record ApiKey(String key) implements Credential {
        @Override
        public String toString() {
            return "ApiKey[<redacted>]";
        }
    }

    /** An SDK secret, exchanged with identity for an SDK token. */
    record SdkSecret(String secret) implements Credential {
        @Override
        public String toString() {
            return "SdkSecret[<redacted>]";
        }
    }

    /**
     * The credential of a request: {@code x-api-key} first, then {@code Authorization: Bearer}.
     *
     * @throws UnauthenticatedException when a credential is present but has no recognised shape
     */
    static Optional<Credential> from(HttpHeaders headers) {
        String apiKey = trimmed(headers.getFirst(API_KEY_HEADER));
        if (apiKey != null) {
            if (apiKey.startsWith(SDK_SECRET_PREFIX)) {
                return Optional.of(new SdkSecret(apiKey));
            }
            if (apiKey.startsWith(API_KEY_PREFIX)) {
                return Optional.of(new ApiKey(apiKey));
            }
            throw new UnauthenticatedException("invalid_api_key", "the API key is invalid");
        }
        String authorization = trimmed(headers.getFirst(HttpHeaders.AUTHORIZATION));
        if (authorization == null) {
            return Optional.empty();
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("invalid_token", "Authorization must use the Bearer scheme");
        }
        String value = authorization.substring(7).trim();
        if (value.startsWith(API_KEY_PREFIX)) {
            return Optional.of(new ApiKey(value));
        }
        if (value.startsWith(SDK_SECRET_PREFIX)) {
            return Optional.of(new SdkSecret(value));
        }
        if (value.chars().filter(c -> c == '.').count() == 2) {
            return Optional.of(new PlatformJwt(value));
        }
        throw new UnauthenticatedException("invalid_token", "the bearer credential is not recognised");
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
