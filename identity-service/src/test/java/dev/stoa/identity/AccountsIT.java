package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.identity.Api.Session;
import dev.stoa.test.MutableClock;
import dev.stoa.test.TestHttp.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Email ownership (verification mails) and the password lifecycle (forgot, reset, change), mails read over SMTP. */
@IdentityServiceTest
class AccountsIT {
    private static final String NEW_PASSWORD = "Battery-Staple-77";
    private final Api api;
    private final TestMailbox mailbox;

    AccountsIT(Api api, TestMailbox mailbox) {
        this.api = api;
        this.mailbox = mailbox;
    }

    @Test
    void registrationMailsAVerificationLinkThatVerifiesTheAccountOnce() {
        Session session = api.registerFresh();
        assertThat(me(session).path("user").path("email_verified").asBoolean()).isFalse();

        String mail = mailbox.awaitMail(session.email(), 1);
        assertThat(mailbox.subject(session.email(), 1)).isEqualTo("Verify your email for Stoa");
        assertThat(mail).contains("http://localhost:8080/verify-email?token=stoa_ev_");
        String token = TestMailbox.token(mail);

        Response verified = api.post("/api/v1/auth/verify-email", null, Map.of("token", token));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("email").asString()).isEqualTo(session.email());
        assertThat(verified.json().path("email_verified").asBoolean()).isTrue();
        assertThat(me(session).path("user").path("email_verified").asBoolean()).isTrue();

        Response again = api.post("/api/v1/auth/verify-email", null, Map.of("token", token));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("verification_token_used");
        assertThat(again.field()).isEqualTo("token");
    }

    @Test
    void badVerificationTokensAreClear4xxAndChangeNothing(MutableClock clock) {
        Session session = api.registerFresh();
        String token = mailbox.awaitToken(session.email(), 1);

        Response forged = api.post("/api/v1/auth/verify-email", null, Map.of("token", "stoa_ev_" + "A".repeat(43)));
        Response otherKind = api.post("/api/v1/auth/verify-email", null, Map.of("token", "stoa_pr_" + "A".repeat(43)));
        Response empty = api.post("/api/v1/auth/verify-email", null, Map.of("token", ""));
        Response missing = api.post("/api/v1/auth/verify-email", null, Map.of());
        Response huge = api.post("/api/v1/auth/verify-email", null, Map.of("token", "stoa_ev_" + "A".repeat(500)));
        clock.advance(Duration.ofHours(25));
        Response expired = api.post("/api/v1/auth/verify-email", null, Map.of("token", token));

        for (Response invalid : List.of(forged, otherKind)) {
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.code()).isEqualTo("verification_token_invalid");
            assertThat(invalid.field()).isEqualTo("token");
            assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        }
        for (Response malformed : List.of(empty, missing, huge)) {
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.field()).isEqualTo("token");
        }
        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.code()).isEqualTo("verification_token_expired");
        clock.reset();
        assertThat(me(session).path("user").path("email_verified").asBoolean()).isFalse();
    }

    @Test
    void resendingVerificationIsThrottledAndNeedsAnUnverifiedUserSession(MutableClock clock) {
        Session session = api.registerFresh();
        mailbox.awaitMail(session.email(), 1);

        Response tooSoon = api.post("/api/v1/auth/resend-verification", session.accessToken(), null);
        clock.advance(Duration.ofSeconds(61));
        Response resent = api.post("/api/v1/auth/resend-verification", session.accessToken(), null);
        Response anonymous = api.post("/api/v1/auth/resend-verification", null, null);

        assertThat(tooSoon.status()).isEqualTo(429);
        assertThat(tooSoon.code()).isEqualTo("verification_recently_sent");
        assertThat(resent.status()).isEqualTo(202);
        assertThat(anonymous.status()).isEqualTo(401);
        String second = mailbox.awaitToken(session.email(), 2);
        assertThat(api.post("/api/v1/auth/verify-email", null, Map.of("token", second))
                        .status())
                .isEqualTo(200);
        // once one link verified the address, the others are spent
        assertThat(api.post("/api/v1/auth/verify-email", null, Map.of("token", mailbox.awaitToken(session.email(), 1)))
                        .code())
                .isEqualTo("verification_token_used");
        clock.advance(Duration.ofSeconds(61));
        Response verified = api.post("/api/v1/auth/resend-verification", session.accessToken(), null);
        assertThat(verified.status()).isEqualTo(422);
        assertThat(verified.code()).isEqualTo("email_already_verified");
    }

    @Test
    void forgotPasswordAlwaysAnswers202AndMailsOnlyARealAccountOnce() {
        Session session = api.registerFresh();
        mailbox.awaitMail(session.email(), 1);
        String nobody = Api.freshEmail();

        Response unknown = api.post("/api/v1/auth/forgot-password", null, Map.of("email", nobody));
        Response known = api.post("/api/v1/auth/forgot-password", null, Map.of("email", session.email()));
        Response again = api.post("/api/v1/auth/forgot-password", null, Map.of("email", session.email()));
        Response bad = api.post("/api/v1/auth/forgot-password", null, Map.of("email", "not-an-email"));

        assertThat(unknown.status()).isEqualTo(202);
        assertThat(known.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.field()).isEqualTo("email");
        assertThat(mailbox.awaitMail(session.email(), 2)).contains("/reset-password?token=stoa_pr_");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                        mailbox.messagesTo(session.email()))
                .hasSize(2));
        assertThat(mailbox.messagesTo(nobody)).isEmpty();
    }

    @Test
    void resetSetsThePasswordOnceAndEndsEverySession(MutableClock clock) {
        Session session = api.registerFresh();
        Session second = api.login(session.email(), session.orgId());
        api.post("/api/v1/auth/forgot-password", null, Map.of("email", session.email()));
        String token = mailbox.awaitToken(session.email(), 2);

        Response weak = api.post("/api/v1/auth/reset-password", null, Map.of("token", token, "password", "short"));
        Response weakPolicy =
                api.post("/api/v1/auth/reset-password", null, Map.of("token", token, "password", "aaaaaaaaaaaaaaaaaa"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.field()).isEqualTo("password");
        assertThat(weakPolicy.status()).isEqualTo(400);
        assertThat(me(session).path("user").path("id").asString()).isEqualTo(session.userId()); // nothing changed

        Response reset =
                api.post("/api/v1/auth/reset-password", null, Map.of("token", token, "password", NEW_PASSWORD));
        assertThat(reset.status()).as(reset.body()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", session.accessToken()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me", second.accessToken()).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", null, Map.of("refresh_token", session.refreshToken()))
                        .status())
                .isEqualTo(401);
        assertThat(login(session.email(), Api.PASSWORD).status()).isEqualTo(401);
        assertThat(login(session.email(), NEW_PASSWORD).status()).isEqualTo(200);

        Response reused = api.post(
                "/api/v1/auth/reset-password", null, Map.of("token", token, "password", "Other-Horse-Battery-1"));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("reset_token_used");

        clock.advance(Duration.ofSeconds(61));
        api.post("/api/v1/auth/forgot-password", null, Map.of("email", session.email()));
        String late = mailbox.awaitToken(session.email(), 3);
        clock.advance(Duration.ofMinutes(31));
        Response expired = api.post(
                "/api/v1/auth/reset-password", null, Map.of("token", late, "password", "Other-Horse-Battery-1"));
        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.code()).isEqualTo("reset_token_expired");
        assertThat(api.post("/api/v1/auth/reset-password", null, Map.of("token", "garbage", "password", NEW_PASSWORD))
                        .code())
                .isEqualTo("reset_token_invalid");
    }

    @Test
    void theRealOwnerReclaimsAnAddressSomeoneElseRegistered() {
        // a squatter registers an address they do not own and makes credentials with it
        Session squatter = api.registerFresh();
        Response key = api.post(
                "/api/v1/org/api-keys", squatter.accessToken(), Map.of("name", "k", "scopes", List.of("org:read")));
        Response sdk = api.post("/api/v1/org/sdk-connections", squatter.accessToken(), Map.of("name", "s"));
        assertThat(key.status()).isEqualTo(201);
        assertThat(sdk.status()).isEqualTo(201);

        // the owner of the mailbox resets the password
        api.post("/api/v1/auth/forgot-password", null, Map.of("email", squatter.email()));
        String token = mailbox.awaitToken(squatter.email(), 2);
        assertThat(api.post("/api/v1/auth/reset-password", null, Map.of("token", token, "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/auth/me", squatter.accessToken()).status()).isEqualTo(401);
        assertThat(login(squatter.email(), Api.PASSWORD).status()).isEqualTo(401);
        Response owner = login(squatter.email(), NEW_PASSWORD);
        String ownerToken = owner.json().path("access_token").asString();
        assertThat(owner.json().path("user").path("email_verified").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/org/api-keys", ownerToken).json().path("data"))
                .isEmpty();
        assertThat(api.get("/api/v1/org/sdk-connections", ownerToken).json().path("data"))
                .isEmpty();
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        Session session = api.registerFresh();
        Session other = api.login(session.email(), session.orgId());

        Response wrong = api.post(
                "/api/v1/auth/change-password",
                session.accessToken(),
                Map.of("current_password", "Not-The-Password-1", "new_password", NEW_PASSWORD));
        Response same = api.post(
                "/api/v1/auth/change-password",
                session.accessToken(),
                Map.of("current_password", Api.PASSWORD, "new_password", Api.PASSWORD));
        Response anonymous = api.post(
                "/api/v1/auth/change-password",
                null,
                Map.of("current_password", Api.PASSWORD, "new_password", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("invalid_credentials");
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.field()).isEqualTo("new_password");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(api.get("/api/v1/auth/me", other.accessToken()).status()).isEqualTo(200);

        Response changed = api.post(
                "/api/v1/auth/change-password",
                session.accessToken(),
                Map.of("current_password", Api.PASSWORD, "new_password", NEW_PASSWORD));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", session.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/me", other.accessToken()).status()).isEqualTo(401);
        assertThat(login(session.email(), Api.PASSWORD).status()).isEqualTo(401);
        assertThat(login(session.email(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    private Response login(String email, String password) {
        return api.post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
    }

    private tools.jackson.databind.JsonNode me(Session session) {
        return api.get("/api/v1/auth/me", session.accessToken()).json();
    }
}
