package dev.stoa.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP client of Stoa's integration and end-to-end tests: a real socket, raw bodies in (a String is sent as is,
 * so tests can send malformed JSON; anything else as JSON), status, headers and parsed JSON out. Every request has
 * a deadline, so a server that stops answering fails the test instead of hanging the build. A service's test API
 * extends it with the calls its tests share (a {@code (String baseUrl)} constructor lets the test kit build it).
 */
public class TestHttp {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    /** How long any test request may wait for its response. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The shared client for tests that build their own requests; give each one {@link #REQUEST_TIMEOUT}. */
    public static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final @Nullable ExchangeCheck check;

    public TestHttp(String base) {
        this(base, null);
    }

    /** A client whose every exchange is also verified, e.g. against the API's OpenAPI document. */
    public TestHttp(String base, @Nullable ExchangeCheck check) {
        this.base = base;
        this.check = check;
    }

    public Response get(String path, @Nullable String bearer) {
        return send("GET", path, bearer, null, Map.of());
    }

    public Response delete(String path, @Nullable String bearer) {
        return send("DELETE", path, bearer, null, Map.of());
    }

    public Response post(String path, @Nullable String bearer, @Nullable Object body) {
        return send("POST", path, bearer, body, Map.of());
    }

    public Response patch(String path, @Nullable String bearer, @Nullable Object body) {
        return send("PATCH", path, bearer, body, Map.of());
    }

    public Response put(String path, @Nullable String bearer, @Nullable Object body) {
        return send("PUT", path, bearer, body, Map.of());
    }

    public Response send(
            String method, String path, @Nullable String bearer, @Nullable Object body, Map<String, String> headers) {
        try {
            String raw = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(REQUEST_TIMEOUT)
                    .method(
                            method,
                            raw == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(raw));
            if (raw != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                request.header("Content-Type", "application/json");
            }
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            headers.forEach(request::header);
            HttpRequest built = request.build();
            HttpResponse<String> response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
            if (check != null) {
                check.verify(new Exchange(method, path, built.headers().map(), raw, response));
            }
            return new Response(response.statusCode(), response.body(), response);
        } catch (HttpTimeoutException e) {
            throw new AssertionError(
                    "no response to " + method + " " + path + " within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Verifies one request and its response; throws {@link AssertionError} when they break a rule. */
    @FunctionalInterface
    public interface ExchangeCheck {
        void verify(Exchange exchange);
    }

    /** A request as sent (path with query, headers, raw body) and the response received. */
    public record Exchange(
            String method,
            String path,
            Map<String, List<String>> requestHeaders,
            @Nullable String requestBody,
            HttpResponse<String> response) {}

    /** Status, raw body and headers of a response, with its JSON and problem code. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        /** The stable {@code code} of a problem+json error. */
        public String code() {
            return json().path("code").asString();
        }

        /** The first field named in a validation error. */
        public String field() {
            return json().path("errors").path(0).path("field").asString();
        }

        /** The {@code id} of the resource in the body. */
        public String id() {
            return json().path("id").asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }
}
