package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@AgentServiceTest
class TiersIT {
    private final AgentApi api;

    TiersIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void adminsManageTiersWithOrderedTargets() {
        TestOrg org = TestOrg.create();
        String primary = api.fakeProvider(org);
        String fallback = api.fakeProvider(org);

        Response created = api.post(
                "/api/v1/tiers",
                org.admin(),
                Map.of(
                        "name",
                        "smart",
                        "targets",
                        List.of(
                                Map.of("provider_id", primary, "model", "gpt-4o"),
                                Map.of("provider_id", fallback, "model", "llama3"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.id();
        assertThat(id).startsWith("tier_");
        assertThat(created.json().path("targets").get(1).path("model").asString())
                .isEqualTo("llama3");

        assertThat(api.get("/api/v1/tiers", org.viewer()).json().path("data")).hasSize(1);
        Response renamed = api.patch(
                "/api/v1/tiers/" + id,
                org.admin(),
                Map.of("name", "clever", "targets", List.of(Map.of("provider_id", fallback, "model", "m"))));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("targets")).hasSize(1);
        assertThat(api.get("/api/v1/tiers/" + id, org.viewer())
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("clever");

        assertThat(api.post(
                                "/api/v1/tiers",
                                org.admin(),
                                Map.of(
                                        "name",
                                        "clever",
                                        "targets",
                                        List.of(Map.of("provider_id", primary, "model", "m"))))
                        .code())
                .isEqualTo("tier_name_taken");
        assertThat(api.post(
                                "/api/v1/tiers",
                                org.member(),
                                Map.of("name", "x", "targets", List.of(Map.of("provider_id", primary, "model", "m"))))
                        .status())
                .isEqualTo(403);
        assertThat(api.delete("/api/v1/tiers/" + id, org.admin()).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tiers/" + id, org.admin()).status()).isEqualTo(404);
    }

    @Test
    void tiersMustPointAtTheOrgsOwnProviders() {
        TestOrg org = TestOrg.create();
        String mine = api.fakeProvider(org);
        String theirs = api.fakeProvider(TestOrg.create());

        Response foreign = api.post(
                "/api/v1/tiers",
                org.admin(),
                Map.of(
                        "name",
                        "fast",
                        "targets",
                        List.of(
                                Map.of("provider_id", mine, "model", "m"),
                                Map.of("provider_id", theirs, "model", "m"))));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.field()).isEqualTo("targets[1].provider_id");
        Response unknown = api.post(
                "/api/v1/tiers",
                org.admin(),
                Map.of("name", "fast", "targets", List.of(Map.of("provider_id", "prv_gone", "model", "m"))));
        assertThat(unknown.field()).isEqualTo("targets[0].provider_id");
        assertThat(api.post("/api/v1/tiers", org.admin(), Map.of("name", "fast", "targets", List.of()))
                        .field())
                .isEqualTo("targets");
        assertThat(api.post(
                                "/api/v1/tiers",
                                org.admin(),
                                Map.of(
                                        "name",
                                        "Not Valid",
                                        "targets",
                                        List.of(Map.of("provider_id", mine, "model", "m"))))
                        .field())
                .isEqualTo("name");

        String deleted = api.fakeProvider(org);
        assertThat(api.delete("/api/v1/providers/" + deleted, org.admin()).status())
                .isEqualTo(204);
        Response pointsAtDeleted = api.post(
                "/api/v1/tiers",
                org.admin(),
                Map.of("name", "fast", "targets", List.of(Map.of("provider_id", deleted, "model", "m"))));
        assertThat(pointsAtDeleted.status()).isEqualTo(400);
        assertThat(pointsAtDeleted.field()).isEqualTo("targets[0].provider_id");
        assertThat(api.get("/api/v1/tiers", org.viewer()).json().path("data")).isEmpty();
    }

    @Test
    void tiersAndProvidersInUseCannotBeDeleted() {
        TestOrg org = TestOrg.create();
        String provider = api.fakeProvider(org);
        String tier = api.post(
                        "/api/v1/tiers",
                        org.admin(),
                        Map.of("name", "fast", "targets", List.of(Map.of("provider_id", provider, "model", "m"))))
                .id();
        String agent = api.createAgent(org, Map.of("name", "on-tier", "model", Map.of("tier", "fast")))
                .path("id")
                .asString();
        assertThat(api.get("/api/v1/agents/" + agent, org.viewer())
                        .json()
                        .path("model")
                        .path("tier")
                        .asString())
                .isEqualTo(tier);

        Response tierInUse = api.delete("/api/v1/tiers/" + tier, org.admin());
        assertThat(tierInUse.status()).isEqualTo(409);
        assertThat(tierInUse.code()).isEqualTo("tier_in_use");
        Response providerInUse = api.delete("/api/v1/providers/" + provider, org.admin());
        assertThat(providerInUse.status()).isEqualTo(409);
        assertThat(providerInUse.code()).isEqualTo("provider_in_use");

        api.patch(
                "/api/v1/agents/" + agent,
                org.member(),
                Map.of("model", Map.of("provider_id", provider, "model", "m")));
        assertThat(api.delete("/api/v1/tiers/" + tier, org.admin()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/providers/" + provider, org.admin()).code())
                .as("the agent still uses it directly")
                .isEqualTo("provider_in_use");
        assertThat(api.delete("/api/v1/agents/" + agent, org.member()).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/providers/" + provider, org.admin()).status())
                .isEqualTo(204);
    }

    @Test
    void anotherOrgsTiersAnswer404() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String provider = api.fakeProvider(org);
        String tier = api.post(
                        "/api/v1/tiers",
                        org.admin(),
                        Map.of("name", "fast", "targets", List.of(Map.of("provider_id", provider, "model", "m"))))
                .id();

        assertThat(api.get("/api/v1/tiers/" + tier, other.admin()).status()).isEqualTo(404);
        assertThat(api.patch("/api/v1/tiers/" + tier, other.admin(), Map.of("name", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/tiers/" + tier, other.admin()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tiers", other.admin()).json().path("data")).isEmpty();
        Response byName =
                api.post("/api/v1/agents", other.member(), Map.of("name", "a", "model", Map.of("tier", "fast")));
        assertThat(byName.field()).isEqualTo("model.tier");
        Response byId = api.post("/api/v1/agents", other.member(), Map.of("name", "a", "model", Map.of("tier", tier)));
        assertThat(byId.field()).isEqualTo("model.tier");
        JsonNode unchanged = api.get("/api/v1/tiers/" + tier, org.viewer()).json();
        assertThat(unchanged.path("name").asString()).isEqualTo("fast");
    }
}
