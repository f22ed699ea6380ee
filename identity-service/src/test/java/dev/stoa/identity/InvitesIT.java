package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.identity.Api.Session;
import dev.stoa.test.MutableClock;
import dev.stoa.test.TestHttp.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Invites by consent: tokens only by mail, pending until the invitee answers, listed and revoked by admins. */
@IdentityServiceTest
class InvitesIT {
    private final Api api;
    private final TestMailbox mailbox;

    InvitesIT(Api api, TestMailbox mailbox) {
        this.api = api;
        this.mailbox = mailbox;
    }

    @Test
    void aNewEmailGetsItsTokenByMailNeverInTheInvitersResponse() {
        Session owner = api.registerVerified(mailbox);
        String email = Api.freshEmail();

        Response invite = invite(owner, email, "member");
        assertThat(invite.status()).as(invite.body()).isEqualTo(201);
        assertThat(invite.json().path("status").asString()).isEqualTo("invited");
        assertThat(invite.body()).doesNotContain("stoa_inv_").doesNotContain("token");
        String mail = mailbox.awaitMail(email, 1);
        assertThat(mailbox.subject(email, 1)).contains("invited you to");
        String token = TestMailbox.token(mail);
        assertThat(token).startsWith("stoa_inv_");
        assertThat(mail).contains("/accept-invite?token=");

        Response accepted = api.post(
                "/api/v1/auth/accept-invite",
                null,
                Map.of("invite_token", token, "password", Api.PASSWORD, "name", "New Person"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("org").path("id").asString()).isEqualTo(owner.orgId());
        assertThat(accepted.json().path("role").asString()).isEqualTo("member");
        assertThat(accepted.json().path("user").path("email_verified").asBoolean())
                .isTrue();

        Response again = api.post(
                "/api/v1/auth/accept-invite", null, Map.of("invite_token", token, "password", "Another-Horse-42"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("invite_token_invalid");
        assertThat(again.field()).isEqualTo("invite_token");
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", email, "password", "Another-Horse-42"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anExistingAccountStaysOutsideUntilItAcceptsFromItsOwnSession() {
        Session owner = api.registerVerified(mailbox);
        Session invitee = api.registerVerified(mailbox);

        Response invite = invite(owner, invitee.email(), "viewer");
        assertThat(invite.status()).isEqualTo(201);
        assertThat(invite.json().path("status").asString()).isEqualTo("invited");
        String mail = mailbox.awaitMail(invitee.email(), 2);
        assertThat(mail).doesNotContain("stoa_inv_").contains("/invites");
        // not a member yet: no login into the org, no access through its own session
        assertThat(loginTo(invitee.email(), owner.orgId()).status()).isEqualTo(401);
        Response twice = invite(owner, invitee.email(), "viewer");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("already_invited");

        JsonNode mine =
                api.get("/api/v1/auth/invites", invitee.accessToken()).json().path("data");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("org_id").asString()).isEqualTo(owner.orgId());
        assertThat(mine.get(0).path("role").asString()).isEqualTo("viewer");
        assertThat(mine.get(0).path("invited_by").asString()).isEqualTo(owner.email());
        String inviteId = mine.get(0).path("id").asString();

        assertThat(api.post("/api/v1/auth/invites/" + inviteId + "/accept", invitee.accessToken(), null)
                        .status())
                .isEqualTo(204);
        assertThat(loginTo(invitee.email(), owner.orgId()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/auth/invites", invitee.accessToken()).json().path("data"))
                .isEmpty();
        assertThat(api.post("/api/v1/auth/invites/" + inviteId + "/accept", invitee.accessToken(), null)
                        .status())
                .isEqualTo(404);
        Response already = invite(owner, invitee.email(), "viewer");
        assertThat(already.code()).isEqualTo("already_member");
    }

    @Test
    void declineRemovesTheInviteAndTheInviteeNeverJoins() {
        Session owner = api.registerVerified(mailbox);
        Session invitee = api.registerVerified(mailbox);
        String inviteId =
                invite(owner, invitee.email(), "admin").json().path("id").asString();

        assertThat(api.post("/api/v1/auth/invites/" + inviteId + "/decline", invitee.accessToken(), null)
                        .status())
                .isEqualTo(204);

        assertThat(loginTo(invitee.email(), owner.orgId()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/org/invites", owner.accessToken()).json().path("data"))
                .isEmpty();
        assertThat(api.post("/api/v1/auth/invites/" + inviteId + "/accept", invitee.accessToken(), null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void onlyTheInviteeAnswersAndOnlyWithAVerifiedEmail() {
        Session owner = api.registerVerified(mailbox);
        Session invitee = api.registerVerified(mailbox);
        Session stranger = api.registerVerified(mailbox);
        Session unverified = api.registerFresh();
        String inviteId =
                invite(owner, invitee.email(), "member").json().path("id").asString();
        String unverifiedInvite =
                invite(owner, unverified.email(), "member").json().path("id").asString();

        Response foreign = api.post("/api/v1/auth/invites/" + inviteId + "/accept", stranger.accessToken(), null);
        Response foreignDecline =
                api.post("/api/v1/auth/invites/" + inviteId + "/decline", stranger.accessToken(), null);
        Response garbage = api.post("/api/v1/auth/invites/not-an-id/accept", invitee.accessToken(), null);
        Response inviterAccepts = api.post("/api/v1/auth/invites/" + inviteId + "/accept", owner.accessToken(), null);
        Response notVerified =
                api.post("/api/v1/auth/invites/" + unverifiedInvite + "/accept", unverified.accessToken(), null);
        Response notVerifiedList = api.get("/api/v1/auth/invites", unverified.accessToken());

        for (Response missing : new Response[] {foreign, foreignDecline, garbage, inviterAccepts}) {
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("not_found");
        }
        assertThat(notVerified.status()).isEqualTo(403);
        assertThat(notVerified.code()).isEqualTo("email_not_verified");
        assertThat(notVerifiedList.status()).isEqualTo(403);
        assertThat(loginTo(unverified.email(), owner.orgId()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/auth/invites", stranger.accessToken())
                        .json()
                        .path("data"))
                .isEmpty();
        // the invite is still there for its invitee
        assertThat(api.post("/api/v1/auth/invites/" + inviteId + "/accept", invitee.accessToken(), null)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void anUnverifiedInviterCannotMailStrangers() {
        Session owner = api.registerFresh();

        Response invite = invite(owner, Api.freshEmail(), "member");

        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.code()).isEqualTo("email_not_verified");
    }

    @Test
    void adminsListAndRevokeInvitesAndARevokedTokenIsDead() {
        Session owner = api.registerVerified(mailbox);
        Session other = api.registerVerified(mailbox);
        String email = Api.freshEmail();
        String inviteId = invite(owner, email, "member").json().path("id").asString();
        String token = mailbox.awaitToken(email, 1);

        JsonNode listed =
                api.get("/api/v1/org/invites", owner.accessToken()).json().path("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("email").asString()).isEqualTo(email);
        assertThat(listed.get(0).path("status").asString()).isEqualTo("pending");
        assertThat(listed.get(0).toString()).doesNotContain("stoa_inv_");
        // another org sees nothing of it and cannot revoke it
        assertThat(api.get("/api/v1/org/invites", other.accessToken()).json().path("data"))
                .isEmpty();
        assertThat(api.delete("/api/v1/org/invites/" + inviteId, other.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/org/invites/garbage", owner.accessToken())
                        .status())
                .isEqualTo(404);

        assertThat(api.delete("/api/v1/org/invites/" + inviteId, owner.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/org/invites", owner.accessToken()).json().path("data"))
                .isEmpty();
        Response dead =
                api.post("/api/v1/auth/accept-invite", null, Map.of("invite_token", token, "password", Api.PASSWORD));
        assertThat(dead.status()).isEqualTo(400);
        assertThat(dead.code()).isEqualTo("invite_token_invalid");
    }

    @Test
    void membersCannotListOrRevokeInvites() {
        Session owner = api.registerVerified(mailbox);
        Session member = api.registerVerified(mailbox);
        String memberInvite =
                invite(owner, member.email(), "member").json().path("id").asString();
        api.post("/api/v1/auth/invites/" + memberInvite + "/accept", member.accessToken(), null);
        Session inOrg = api.login(member.email(), owner.orgId());
        String pending =
                invite(owner, Api.freshEmail(), "viewer").json().path("id").asString();

        Response list = api.get("/api/v1/org/invites", inOrg.accessToken());
        Response revoke = api.delete("/api/v1/org/invites/" + pending, inOrg.accessToken());
        Response invite = invite(inOrg, Api.freshEmail(), "viewer");

        assertThat(list.status()).isEqualTo(403);
        assertThat(revoke.status()).isEqualTo(403);
        assertThat(invite.status()).isEqualTo(403);
        assertThat(invite.code()).isEqualTo("insufficient_role");
        assertThat(api.get("/api/v1/org/invites", owner.accessToken()).json().path("data"))
                .hasSize(1);
    }

    @Test
    void invitesExpireAndCanBeSentAgain(MutableClock clock) {
        Session owner = api.registerVerified(mailbox);
        Session invitee = api.registerVerified(mailbox);
        String email = Api.freshEmail();
        invite(owner, email, "member");
        String token = mailbox.awaitToken(email, 1);
        String inviteId =
                invite(owner, invitee.email(), "member").json().path("id").asString();

        clock.advance(Duration.ofDays(8));
        Response expiredToken =
                api.post("/api/v1/auth/accept-invite", null, Map.of("invite_token", token, "password", Api.PASSWORD));
        Response expiredAccept = api.post("/api/v1/auth/invites/" + inviteId + "/accept", invitee.accessToken(), null);
        JsonNode listed =
                api.get("/api/v1/org/invites", owner.accessToken()).json().path("data");

        assertThat(expiredToken.status()).isEqualTo(422);
        assertThat(expiredToken.code()).isEqualTo("invite_token_expired");
        assertThat(expiredAccept.status()).isEqualTo(422);
        assertThat(expiredAccept.code()).isEqualTo("invite_expired");
        assertThat(listed.valueStream().map(i -> i.path("status").asString())).containsOnly("expired");
        assertThat(invite(owner, email, "member").status()).isEqualTo(201); // the expired one makes way
        String fresh = mailbox.awaitToken(email, 2);
        assertThat(api.post("/api/v1/auth/accept-invite", null, Map.of("invite_token", fresh, "password", Api.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anInviteTokenNeverSetsThePasswordOfAnAccountThatHasOne() {
        Session owner = api.registerVerified(mailbox);
        String email = Api.freshEmail();
        invite(owner, email, "member");
        String token = mailbox.awaitToken(email, 1);
        // someone registers the invited address before the invitee used the mail
        Response squatter = api.post(
                "/api/v1/auth/register", null, Map.of("email", email, "password", "Squatter-Horse-42", "name", "S"));
        assertThat(squatter.status()).as(squatter.body()).isEqualTo(201);

        Response taken =
                api.post("/api/v1/auth/accept-invite", null, Map.of("invite_token", token, "password", Api.PASSWORD));

        assertThat(taken.status()).isEqualTo(422);
        assertThat(taken.code()).isEqualTo("invite_requires_login");
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", email, "password", Api.PASSWORD))
                        .status())
                .isEqualTo(401);
        // the squatter is not verified, so cannot take the invite either
        String squatterToken = squatter.json().path("access_token").asString();
        assertThat(api.get("/api/v1/auth/invites", squatterToken).code()).isEqualTo("email_not_verified");
    }

    @Test
    void refusesBadInviteInput() {
        Session owner = api.registerVerified(mailbox);

        Response badRole = api.post(
                "/api/v1/org/members", owner.accessToken(), Map.of("email", Api.freshEmail(), "role", "superuser"));
        Response badEmail =
                api.post("/api/v1/org/members", owner.accessToken(), Map.of("email", "nope", "role", "member"));
        Response missingToken = api.post("/api/v1/auth/accept-invite", null, Map.of("password", Api.PASSWORD));
        Response wrongPrefix = api.post(
                "/api/v1/auth/accept-invite",
                null,
                Map.of("invite_token", "stoa_sk_" + "x".repeat(43), "password", Api.PASSWORD));

        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.field()).isEqualTo("role");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.field()).isEqualTo("email");
        assertThat(missingToken.status()).isEqualTo(400);
        assertThat(missingToken.field()).isEqualTo("invite_token");
        assertThat(wrongPrefix.status()).isEqualTo(400);
        assertThat(wrongPrefix.code()).isEqualTo("invite_token_invalid");
        assertThat(api.get("/api/v1/org/invites", owner.accessToken()).json().path("data"))
                .isEmpty();
    }

    private Response invite(Session admin, String email, String role) {
        return api.post("/api/v1/org/members", admin.accessToken(), Map.of("email", email, "role", role));
    }

    private Response loginTo(String email, String orgId) {
        return api.post("/api/v1/auth/login", null, Map.of("email", email, "password", Api.PASSWORD, "org_id", orgId));
    }
}
