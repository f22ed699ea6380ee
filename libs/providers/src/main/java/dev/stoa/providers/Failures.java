package dev.stoa.providers;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Turns what the SDKs throw (HTTP statuses, I/O failures) into {@link ProviderException}s. */
final class Failures {
    private static final int MAX_DETAIL = 300;

    private Failures() {}

    /**
     * An error status. {@code header} looks up a response header; {@code body} is the provider's error text, which is
     * scrubbed of the key and only kept for client errors (OpenAI's 401 text echoes part of the key).
     */
    static ProviderException fromStatus(
            int status, Function<String, @Nullable String> header, String body, String apiKey) {
        if (status == 401 || status == 403) {
            return ProviderException.authFailed(status);
        }
        if (status == 429) {
            return ProviderException.rateLimited(retryAfter(header));
        }
        if (status == 408) {
            return ProviderException.timeout(null);
        }
        if (status >= 500) {
            return ProviderException.unavailable("HTTP " + status, null);
        }
        return ProviderException.badRequest(status, scrub(body, apiKey));
    }

    /** An I/O failure; {@code midStream} when the reply had started, so a broken connection is a cut stream. */
    static ProviderException fromIo(Throwable error, boolean midStream) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof PortUnreachableException) {
                return ProviderException.unreachable("connection refused or no route to host", error);
            }
            if (t instanceof UnknownHostException) {
                return ProviderException.unreachable("host does not resolve", error);
            }
            if (t instanceof SSLException) {
                return ProviderException.unreachable("TLS handshake failed", error);
            }
            if (t instanceof InterruptedIOException) {
                String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("connect")
                        ? ProviderException.unreachable("connection timed out", error)
                        : ProviderException.timeout(error);
            }
        }
        return midStream
                ? ProviderException.streamCut("connection closed mid-reply", error)
                : ProviderException.unreachable("connection failed", error);
    }

    /** {@code retry-after-ms} (OpenAI) first, then {@code retry-after} in seconds or as an HTTP date. */
    static @Nullable Duration retryAfter(Function<String, @Nullable String> header) {
        String millis = header.apply("retry-after-ms");
        if (millis != null) {
            try {
                return Duration.ofMillis((long) Double.parseDouble(millis.trim()));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String value = header.apply("retry-after");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    static String scrub(String text, String apiKey) {
        String result = apiKey.length() >= 4 ? text.replace(apiKey, "***") : text;
        return result.length() > MAX_DETAIL ? result.substring(0, MAX_DETAIL) + "..." : result;
    }

    /** Normalizes finish reasons of both protocols to OpenAI's vocabulary. */
    static String finishReason(@Nullable String raw, boolean calledTools) {
        String given = raw == null ? "" : raw;
        String reason =
                switch (given) {
                    case "end_turn", "stop_sequence", "stop", "" -> "stop";
                    case "max_tokens", "length" -> "length";
                    case "tool_use", "tool_calls", "function_call" -> "tool_calls";
                    case "refusal", "content_filter" -> "content_filter";
                    default -> given;
                };
        // Some OpenAI-compatible servers say "stop" after emitting tool calls.
        return calledTools && reason.equals("stop") ? "tool_calls" : reason;
    }
}
