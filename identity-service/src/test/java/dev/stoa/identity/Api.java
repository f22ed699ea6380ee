package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** identity's REST API for tests: {@link TestHttp} plus registering a fresh user. */
public final class Api {
    static final String PASSWORD = "Correct-Horse-42";

    private final TestHttp http;

    public Api(String base) {
        this.http = new TestHttp(base);
    }

    public Response get(String path, @Nullable String token) {
        return http.get(path, token);
    }

    public Response delete(String path, @Nullable String token) {
        return http.delete(path, token);
    }

    public Response post(String path, @Nullable String token, @Nullable Object body) {
        return http.post(path, token, body);
    }

    public Response patch(String path, @Nullable String token, @Nullable Object body) {
        return http.patch(path, token, body);
    }

    public Response send(
            String method, String path, @Nullable String token, @Nullable Object body, Map<String, String> headers) {
        return http.send(method, path, token, body, headers);
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
}
