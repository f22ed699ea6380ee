package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** identity's REST API for tests: {@link TestHttp} plus registering a fresh user. */
public final class Api extends TestHttp {
    static final String PASSWORD = "Correct-Horse-42";
    /** The secret of the {@code gateway} service client (see {@link IdentityServiceTest}). */
    static final String SERVICE_SECRET = "test-gateway-secret-0123456789";

    public Api(String baseUrl) {
        super(baseUrl);
    }

    /** A fresh, unused email address. */
    public static String freshEmail() {
        return "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    /** Registers a fresh user + org and verifies its email through the mailbox; returns its session. */
    public Session registerVerified(TestMailbox mailbox) {
        Session session = registerFresh();
        verify(mailbox, session.email());
        return session;
    }

    /** Verifies {@code email} with the token of its first mail (the one registration sent). */
    public void verify(TestMailbox mailbox, String email) {
        Response verified = post("/api/v1/auth/verify-email", null, Map.of("token", mailbox.awaitToken(email, 1)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    }

    /** Verifies the email of {@code session}'s user unless it already is. */
    public void ensureVerified(TestMailbox mailbox, Session session) {
        if (!get("/api/v1/auth/me", session.accessToken())
                .json()
                .path("user")
                .path("email_verified")
                .asBoolean()) {
            verify(mailbox, session.email());
        }
    }

    /**
     * A registered, verified user who is invited to {@code owner}'s org with {@code role}, accepts from their own
     * session and logs in to that org (the owner is verified first if need be).
     */
    public Session join(TestMailbox mailbox, Session owner, String role) {
        ensureVerified(mailbox, owner);
        Session user = registerVerified(mailbox);
        Response invite = post("/api/v1/org/members", owner.accessToken(), Map.of("email", user.email(), "role", role));
        assertThat(invite.status()).as(invite.body()).isEqualTo(201);
        String inviteId = invite.json().path("id").asString();
        Response accepted = post("/api/v1/auth/invites/" + inviteId + "/accept", user.accessToken(), null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
        return login(user.email(), owner.orgId());
    }

    /** Logs {@code email} in to {@code orgId} with the test password. */
    public Session login(String email, String orgId) {
        Response response =
                post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD, "org_id", orgId));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Session.of(email, response.json());
    }

    /** Registers a fresh user + org and returns its session. */
    public Session registerFresh() {
        String email = freshEmail();
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
