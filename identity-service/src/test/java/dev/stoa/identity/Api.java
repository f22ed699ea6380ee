package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests: raw bodies in, parsed JSON out, over a real socket. */
public final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String PASSWORD = "Correct-Horse-42";

    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public Response get(String path, @Nullable String token) {
        return send("GET", path, token, null);
    }

    public Response delete(String path, @Nullable String token) {
        return send("DELETE", path, token, null);
    }

    public Response post(String path, @Nullable String token, @Nullable Object body) {
        return send("POST", path, token, body);
    }

    public Response patch(String path, @Nullable String token, @Nullable Object body) {
        return send("PATCH", path, token, body);
    }

    /** Sends {@code body} as is when it is a String (so tests can send malformed JSON), else as JSON. */
    public Response send(String method, String path, @Nullable String token, @Nullable Object body) {
        return send(method, path, token, body, Map.of());
    }

    public Response send(
            String method, String path, @Nullable String token, @Nullable Object body, Map<String, String> headers) {
        try {
            String raw = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(raw))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Session registerFresh() {
        String email = "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        Response response = post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", PASSWORD, "name", "Test User", "org_name", "Org " + email));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return Session.of(email, response.json());
    }

    /** The tokens and ids of a logged-in user. */
    public record Session(
            String email, String accessToken, String refreshToken, String userId, String orgId, String sessionId) {
        static Session of(String email, JsonNode tokens) {
            return new Session(
                    email,
                    tokens.path("access_token").asString(),
                    tokens.path("refresh_token").asString(),
                    tokens.path("user").path("id").asString(),
                    tokens.path("org").path("id").asString(),
                    tokens.path("session_id").asString());
        }
    }

    /** Status, raw body and parsed JSON of a response. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }
}
