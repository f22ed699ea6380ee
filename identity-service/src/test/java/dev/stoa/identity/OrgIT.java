package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.identity.Api.Session;
import dev.stoa.test.TestHttp.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@IdentityServiceTest
class OrgIT {
    private final Api api;
    private final TestMailbox mailbox;

    OrgIT(Api api, TestMailbox mailbox) {
        this.api = api;
        this.mailbox = mailbox;
    }

    @Test
    void ownerReadsAndUpdatesTheOrg() {
        Session owner = api.registerFresh();
        String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);

        Response updated = api.patch(
                "/api/v1/org",
                owner.accessToken(),
                Map.of("name", "Acme", "slug", slug, "settings", Map.of("default_tier", "fast")));
        Response read = api.get("/api/v1/org", owner.accessToken());

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(read.json().path("name").asString()).isEqualTo("Acme");
        assertThat(read.json().path("slug").asString()).isEqualTo(slug);
        assertThat(read.json().path("settings").path("default_tier").asString()).isEqualTo("fast");
    }

    @Test
    void refusesBadOrgUpdates() {
        Session owner = api.registerFresh();
        Session other = api.registerFresh();
        String otherSlug =
                api.get("/api/v1/org", other.accessToken()).json().path("slug").asString();

        JsonNode before = api.get("/api/v1/org", owner.accessToken()).json();

        Response badSlug = api.patch("/api/v1/org", owner.accessToken(), Map.of("slug", "Not A Slug!"));
        Response takenSlug = api.patch("/api/v1/org", owner.accessToken(), Map.of("slug", otherSlug));
        Response notObject = api.patch("/api/v1/org", owner.accessToken(), Map.of("settings", "x"));
        Response hugeSettings =
                api.patch("/api/v1/org", owner.accessToken(), Map.of("settings", Map.of("blob", "y".repeat(20_000))));

        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(badSlug.json().path("errors").get(0).path("field").asString())
                .isEqualTo("slug");
        assertThat(takenSlug.status()).isEqualTo(409);
        assertThat(takenSlug.code()).isEqualTo("slug_taken");
        assertThat(notObject.status()).isEqualTo(400);
        assertThat(notObject.field()).isEqualTo("settings");
        assertThat(hugeSettings.status()).isEqualTo(400);
        assertThat(hugeSettings.field()).isEqualTo("settings");
        // Nothing of a refused update sticks, in either org.
        assertThat(api.get("/api/v1/org", owner.accessToken()).json()).isEqualTo(before);
        assertThat(api.get("/api/v1/org", other.accessToken())
                        .json()
                        .path("slug")
                        .asString())
                .isEqualTo(otherSlug);
    }

    @Test
    void membersListPaginates() {
        Session owner = api.registerFresh();
        join(owner, "viewer");

        Response page1 = api.get("/api/v1/org/members?limit=1", owner.accessToken());
        String cursor = page1.json().path("next_cursor").asString();
        Response page2 = api.get("/api/v1/org/members?limit=1&cursor=" + cursor, owner.accessToken());
        assertThat(page1.json().path("data").size()).isEqualTo(1);
        assertThat(page2.json().path("data").size()).isEqualTo(1);
        assertThat(page2.json().path("data").get(0).path("id"))
                .isNotEqualTo(page1.json().path("data").get(0).path("id"));
        assertThat(page2.json().path("next_cursor").isNull()
                        || page2.json().path("next_cursor").isMissingNode())
                .isTrue();
        assertThat(api.get("/api/v1/org/members?limit=0", owner.accessToken()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/org/members?cursor=forged", owner.accessToken())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void membersAndViewersCannotManageMembersOrTheOrg() {
        Session owner = api.registerFresh();
        Session member = join(owner, "member");
        Session viewer = join(owner, "viewer");

        JsonNode org = api.get("/api/v1/org", owner.accessToken()).json();
        JsonNode members = api.get("/api/v1/org/members", owner.accessToken()).json();

        for (Session weak : new Session[] {member, viewer}) {
            Response invite = api.post(
                    "/api/v1/org/members",
                    weak.accessToken(),
                    Map.of("email", "x-" + UUID.randomUUID() + "@example.com", "role", "viewer"));
            Response rename = api.patch("/api/v1/org", weak.accessToken(), Map.of("name", "Hijacked"));
            assertThat(invite.status()).isEqualTo(403);
            assertThat(invite.code()).isEqualTo("insufficient_role");
            assertThat(rename.status()).isEqualTo(403);
            assertThat(rename.code()).isEqualTo("insufficient_role");
            assertThat(api.get("/api/v1/org/members", weak.accessToken()).json())
                    .isEqualTo(members);
        }
        assertThat(api.get("/api/v1/org", owner.accessToken()).json()).isEqualTo(org);
    }

    @Test
    void lastOwnerCannotBeDemotedOrRemovedAndAdminsCannotTouchOwners() {
        Session owner = api.registerFresh();
        Session admin = join(owner, "admin");
        String ownerMemberId = memberIdOf(owner, owner.email());

        Response demote = api.patch(
                "/api/v1/org/members/" + ownerMemberId + "/role", owner.accessToken(), Map.of("role", "admin"));
        Response remove = api.delete("/api/v1/org/members/" + ownerMemberId, owner.accessToken());
        Response adminDemotesOwner = api.patch(
                "/api/v1/org/members/" + ownerMemberId + "/role", admin.accessToken(), Map.of("role", "member"));
        Response adminPromotesSelf = api.patch(
                "/api/v1/org/members/" + memberIdOf(owner, admin.email()) + "/role",
                admin.accessToken(),
                Map.of("role", "owner"));

        assertThat(demote.status()).isEqualTo(422);
        assertThat(demote.code()).isEqualTo("last_owner");
        assertThat(remove.status()).isEqualTo(422);
        assertThat(remove.code()).isEqualTo("last_owner");
        assertThat(adminDemotesOwner.status()).isEqualTo(403);
        assertThat(adminDemotesOwner.code()).isEqualTo("insufficient_role");
        assertThat(adminPromotesSelf.status()).isEqualTo(403);
        assertThat(adminPromotesSelf.code()).isEqualTo("insufficient_role");
        assertThat(roleOf(owner, owner.email())).isEqualTo("owner");
        assertThat(roleOf(owner, admin.email())).isEqualTo("admin");
    }

    @Test
    void roleChangeAndRemovalEndTheMembersSessions() {
        Session owner = api.registerFresh();
        Session member = join(owner, "member");
        String memberId = memberIdOf(owner, member.email());

        Response promoted =
                api.patch("/api/v1/org/members/" + memberId + "/role", owner.accessToken(), Map.of("role", "admin"));
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("admin");
        assertThat(api.get("/api/v1/auth/me", member.accessToken()).status()).isEqualTo(401);

        Session again = login(member.email(), owner.orgId());
        assertThat(api.get("/api/v1/auth/me", again.accessToken())
                        .json()
                        .path("role")
                        .asString())
                .isEqualTo("admin");
        assertThat(api.delete("/api/v1/org/members/" + memberId, owner.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/auth/me", again.accessToken()).status()).isEqualTo(401);
        assertThat(api.post(
                                "/api/v1/auth/login",
                                null,
                                Map.of("email", member.email(), "password", Api.PASSWORD, "org_id", owner.orgId()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void anotherOrgsMemberIdsAnswer404() {
        Session orgA = api.registerFresh();
        Session orgB = api.registerFresh();
        String memberOfB = memberIdOf(orgB, orgB.email());

        Response change =
                api.patch("/api/v1/org/members/" + memberOfB + "/role", orgA.accessToken(), Map.of("role", "viewer"));
        Response remove = api.delete("/api/v1/org/members/" + memberOfB, orgA.accessToken());
        Response garbage = api.delete("/api/v1/org/members/not-an-id", orgA.accessToken());

        assertThat(change.status()).isEqualTo(404);
        assertThat(change.code()).isEqualTo("not_found");
        assertThat(remove.status()).isEqualTo(404);
        assertThat(remove.code()).isEqualTo("not_found");
        assertThat(garbage.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/org/members", orgB.accessToken())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
        assertThat(roleOf(orgB, orgB.email())).isEqualTo("owner");
        assertThat(api.get("/api/v1/org/members", orgA.accessToken()).body()).doesNotContain(orgB.email());
    }

    @Test
    void rejectsInvalidRolesAndEmailsOnInvite() {
        Session owner = api.registerFresh();

        Response badRole = api.post(
                "/api/v1/org/members",
                owner.accessToken(),
                Map.of("email", "r-" + UUID.randomUUID() + "@example.com", "role", "superuser"));
        Response badEmail =
                api.post("/api/v1/org/members", owner.accessToken(), Map.of("email", "nope", "role", "member"));

        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().path("errors").get(0).path("field").asString())
                .isEqualTo("role");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(badEmail.json().path("errors").get(0).path("field").asString())
                .isEqualTo("email");
        assertThat(api.get("/api/v1/org/members", owner.accessToken())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
    }

    Session join(Session owner, String role) {
        return api.join(mailbox, owner, role);
    }

    Session login(String email, String orgId) {
        return api.login(email, orgId);
    }

    String memberIdOf(Session viewer, String email) {
        return memberOf(viewer, email).path("id").asString();
    }

    String roleOf(Session viewer, String email) {
        return memberOf(viewer, email).path("role").asString();
    }

    JsonNode memberOf(Session viewer, String email) {
        return api.get("/api/v1/org/members?limit=100", viewer.accessToken())
                .json()
                .path("data")
                .valueStream()
                .filter(m -> m.path("email").asString().equals(email))
                .findFirst()
                .orElseThrow();
    }
}
