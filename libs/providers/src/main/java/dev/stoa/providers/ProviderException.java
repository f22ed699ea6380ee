package dev.stoa.providers;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A provider call failed. Codes are stable; messages never contain the API key.
 *
 * <p>A rejected key is {@code provider_auth_failed} with kind FAILED_PRECONDITION, not UNAUTHENTICATED: the caller
 * of Stoa is authenticated fine, it is the agent's stored provider credential that is wrong, and a 401 would make
 * clients drop their own session. Likewise {@code provider_bad_request} is FAILED_PRECONDITION: the provider
 * refused what the agent's configuration produced (unknown model, bad tool schema), not the caller's input.
 */
public final class ProviderException extends StoaException {
    public static final String AUTH_FAILED = "provider_auth_failed";
    public static final String RATE_LIMITED = "provider_rate_limited";
    public static final String UNAVAILABLE = "provider_unavailable";
    public static final String UNREACHABLE = "provider_unreachable";
    public static final String TIMEOUT = "provider_timeout";
    public static final String STREAM_CUT = "provider_stream_cut";
    public static final String BAD_REQUEST = "provider_bad_request";
    public static final String CIRCUIT_OPEN = "provider_circuit_open";

    private final @Nullable Duration retryAfter;

    private ProviderException(
            ErrorKind kind,
            String code,
            String message,
            boolean retryable,
            @Nullable Duration retryAfter,
            @Nullable Throwable cause) {
        super(kind, code, message, retryable, List.of(), cause);
        this.retryAfter = retryAfter;
    }

    public static ProviderException authFailed(int status) {
        return new ProviderException(
                ErrorKind.FAILED_PRECONDITION,
                AUTH_FAILED,
                "the provider rejected the configured API key (HTTP " + status + ")",
                false,
                null,
                null);
    }

    public static ProviderException rateLimited(@Nullable Duration retryAfter) {
        return new ProviderException(
                ErrorKind.RATE_LIMITED, RATE_LIMITED, "the provider is rate limiting requests", true, retryAfter, null);
    }

    /** {@code detail} says what was seen, e.g. {@code HTTP 503} or {@code an error event in the stream}. */
    public static ProviderException unavailable(String detail, @Nullable Throwable cause) {
        return new ProviderException(
                ErrorKind.UNAVAILABLE, UNAVAILABLE, "the provider is unavailable (" + detail + ")", true, null, cause);
    }

    public static ProviderException unreachable(String detail, @Nullable Throwable cause) {
        return new ProviderException(
                ErrorKind.UNAVAILABLE, UNREACHABLE, "cannot reach the provider: " + detail, true, null, cause);
    }

    public static ProviderException timeout(@Nullable Throwable cause) {
        return new ProviderException(
                ErrorKind.UNAVAILABLE, TIMEOUT, "the provider did not answer in time", true, null, cause);
    }

    public static ProviderException streamCut(String detail, @Nullable Throwable cause) {
        return new ProviderException(
                ErrorKind.UNAVAILABLE, STREAM_CUT, "the provider's stream broke off: " + detail, true, null, cause);
    }

    /** {@code detail} is the provider's own message, already scrubbed of the key by the caller. */
    public static ProviderException badRequest(int status, String detail) {
        return new ProviderException(
                ErrorKind.FAILED_PRECONDITION,
                BAD_REQUEST,
                "the provider refused the request (HTTP " + status + "): " + detail,
                false,
                null,
                null);
    }

    public static ProviderException circuitOpen() {
        return new ProviderException(
                ErrorKind.UNAVAILABLE,
                CIRCUIT_OPEN,
                "the provider failed repeatedly; calls are paused for a while",
                true,
                null,
                null);
    }

    /** How long the provider asked us to wait (from {@code retry-after}), if it did. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** Whether the same call may be attempted again right here (429, 5xx, connect errors, early stream cuts). */
    boolean retriedInternally() {
        return switch (code()) {
            case RATE_LIMITED, UNAVAILABLE, UNREACHABLE, STREAM_CUT -> true;
            default -> false;
        };
    }

    /** Whether this counts against the endpoint's health in the circuit breaker (not 4xx, not the breaker itself). */
    boolean outage() {
        return switch (code()) {
            case UNAVAILABLE, UNREACHABLE, TIMEOUT, STREAM_CUT -> true;
            default -> false;
        };
    }
}
