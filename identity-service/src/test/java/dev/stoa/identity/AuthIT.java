package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.identity.Api.Session;
import dev.stoa.identity.domain.TokenIssuer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.TestJwtIssuer;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IdentityServiceTest
class AuthIT {
    private final Api api;

    AuthIT(Api api) {
        this.api = api;
    }

    @Autowired
    TokenIssuer tokenIssuer;

    @Test
    void registerCreatesOwnerOfNewOrgAndMeDescribesTheSession() {
        Session session = api.registerFresh();

        Response me = api.get("/api/v1/auth/me", session.accessToken());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("user").path("email").asString()).isEqualTo(session.email());
        assertThat(me.json().path("org").path("id").asString())
                .isEqualTo(session.orgId())
                .startsWith("org_");
        assertThat(me.json().path("role").asString()).isEqualTo("owner");
        assertThat(me.json().path("token_type").asString()).isEqualTo("user");
        assertThat(me.json().path("session").path("id").asString()).isEqualTo(session.sessionId());
        assertThat(me.body()).doesNotContain("password");
    }

    @Test
    void loginReturnsTokensAndUnknownEmailLooksLikeWrongPassword() {
        Session session = api.registerFresh();

        Response ok = api.post("/api/v1/auth/login", null, Map.of("email", session.email(), "password", Api.PASSWORD));
        Response wrongPassword =
                api.post("/api/v1/auth/login", null, Map.of("email", session.email(), "password", "Wrong-Horse-42"));
        Response unknownEmail = api.post(
                "/api/v1/auth/login",
                null,
                Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com", "password", Api.PASSWORD));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("access_token").asString()).isNotBlank();
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(unknownEmail.code()).isEqualTo(wrongPassword.code()).isEqualTo("invalid_credentials");
        assertThat(unknownEmail.json().path("detail"))
                .isEqualTo(wrongPassword.json().path("detail"));
        assertThat(wrongPassword.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void refreshRotatesAndReplayingAUsedRefreshTokenRevokesTheSession() {
        Session session = api.registerFresh();

        Response first = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", session.refreshToken()));
        assertThat(first.status()).isEqualTo(200);
        String rotated = first.json().path("refresh_token").asString();
        String newAccess = first.json().path("access_token").asString();
        assertThat(rotated).isNotEqualTo(session.refreshToken());

        Response replay = api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", session.refreshToken()));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("refresh_token_reused");

        // The whole session is gone: the rotated refresh token and every access token of it.
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", rotated))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me", newAccess).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me", session.accessToken()).status()).isEqualTo(401);
    }

    @Test
    void logoutRevokesAccessAndRefreshTokensOfThatSessionOnly() {
        Session session = api.registerFresh();
        Session other = Session.of(
                session.email(),
                api.post("/api/v1/auth/login", null, Map.of("email", session.email(), "password", Api.PASSWORD))
                        .json());

        assertThat(api.post("/api/v1/auth/logout", session.accessToken(), null).status())
                .isEqualTo(204);

        Response me = api.get("/api/v1/auth/me", session.accessToken());
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.code()).isEqualTo("token_revoked");
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", session.refreshToken()))
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me", other.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void rejectsDuplicateRegistrationWeakPasswordsAndInvalidEmails() {
        Session session = api.registerFresh();

        Response duplicate = api.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", session.email().toUpperCase(), "password", Api.PASSWORD, "name", "Again"));
        Response weak = api.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", "weak-" + UUID.randomUUID() + "@example.com", "password", "password", "name", "W"));
        Response invalidEmail = api.post(
                "/api/v1/auth/register", null, Map.of("email", "not-an-email", "password", Api.PASSWORD, "name", "E"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("email_taken");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("errors").get(0).path("field").asString()).isEqualTo("password");
        assertThat(invalidEmail.status()).isEqualTo(400);
        assertThat(invalidEmail.json().path("errors").get(0).path("field").asString())
                .isEqualTo("email");
    }

    @Test
    void rejectsMalformedJsonWrongTypesMissingUnknownOverlongAndOversizedInput() {
        String email = "bad-" + UUID.randomUUID() + "@example.com";
        Response malformed = api.post("/api/v1/auth/register", null, "{\"email\": ");
        Response wrongType =
                api.post("/api/v1/auth/register", null, Map.of("email", email, "password", 12345, "name", "X"));
        Response missing = api.post("/api/v1/auth/register", null, Map.of("email", email, "password", Api.PASSWORD));
        Response unknown = api.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", Api.PASSWORD, "name", "X", "is_admin", true));
        Response overlong = api.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", Api.PASSWORD, "name", "x".repeat(201)));
        Response oversized = api.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", Api.PASSWORD, "name", "x".repeat(70_000)));

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("malformed_json");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("password");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("name");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("is_admin");
        assertThat(overlong.status()).isEqualTo(400);
        assertThat(overlong.json().path("errors").get(0).path("field").asString())
                .isEqualTo("name");
        assertThat(oversized.status()).isEqualTo(413);
        // None of the refused requests created the account.
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", email, "password", Api.PASSWORD))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void rejectsExpiredTamperedUnsignedAndForeignTokens() {
        Session session = api.registerFresh();
        Principal principal = Principals.user(session.orgId(), session.userId(), Role.OWNER);
        String expired = tokenIssuer
                .issue(
                        new Principal(
                                session.orgId(),
                                session.userId(),
                                session.userId(),
                                Role.OWNER,
                                Set.of(),
                                TokenType.USER,
                                session.sessionId()),
                        Duration.ofMinutes(-5))
                .value();
        String[] parts = session.accessToken().split("\\.");
        String forgedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("owner", "admin")
                        .getBytes());
        String tampered = parts[0] + "." + forgedPayload + "." + parts[2];
        TestJwtIssuer foreign = new TestJwtIssuer("stoa");

        for (String token : new String[] {
            expired, tampered, foreign.unsigned(principal), foreign.issue(principal), foreign.withWrongIssuer(principal)
        }) {
            Response response = api.get("/api/v1/auth/me", token);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/auth/me", null).status()).isEqualTo(401);
    }
}
