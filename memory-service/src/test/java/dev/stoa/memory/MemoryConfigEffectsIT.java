package dev.stoa.memory;

import static dev.stoa.memory.Extractor.add;
import static dev.stoa.memory.Extractor.facts;
import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.RecordedRequest;
import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecalledFact;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an agent's memory config changes: the extraction model, ignored categories, a cluster's shared memory. */
@MemoryServiceTest
class MemoryConfigEffectsIT {
    private final TestHttp http;
    private final ManagedChannel channel;
    private final FakeProvider fake;

    MemoryConfigEffectsIT(TestHttp http, ManagedChannel channel, FakeProvider fake) {
        this.http = http;
        this.channel = channel;
        this.fake = fake;
    }

    @Test
    void theConfiguredModelExtractsAndIgnoredCategoriesAreDropped() {
        TestOrg org = TestOrg.create();
        String agent = Ids.generate("agt");
        FakeAgentRuntime.agent(org.id(), agent);
        String tier = "tier_" + Ids.generate("x").substring(2);
        FakeAgentRuntime.tier(org.id(), tier, "fake-tier-model");
        patch(org, agent, Map.of("extraction_model", Map.of("tier_id", tier), "ignored_categories", List.of("health")));
        fake.recordRequests(true);
        Extractor.on(
                fake,
                (m, existing) -> facts(
                        add("user", "has", "asthma", "The user has asthma.", "health"),
                        add("user", "likes", "hiking", "The user likes hiking.", "preference")));
        String user = Ids.generate("usr");

        Events.publishTurn(Events.turn(org.id(), agent, "cnv_a", user, "I have asthma but I love hiking."));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(http.get("/api/v1/agents/" + agent + "/memory/stats", org.viewer())
                                .json()
                                .path("extractions_ok")
                                .asLong())
                        .isEqualTo(1));
        TestHttp.Response facts = http.get("/api/v1/agents/" + agent + "/memory/" + user + "/facts", org.admin());
        assertThat(facts.json().path("data").valueStream().map(f -> f.path("category")
                        .asString()))
                .containsExactly("preference");
        assertThat(fake.requests())
                .extracting(RecordedRequest::body)
                .anySatisfy(body -> assertThat(body.path("model").asString()).isEqualTo("fake-tier-model"));
    }

    @Test
    void agentsOfAClusterShareAUsersMemory() {
        TestOrg org = TestOrg.create();
        String first = Ids.generate("agt");
        String second = Ids.generate("agt");
        String loner = Ids.generate("agt");
        for (String agent : List.of(first, second, loner)) {
            FakeAgentRuntime.agent(org.id(), agent);
        }
        patch(org, first, Map.of("scope", "cluster", "cluster", "support"));
        patch(org, second, Map.of("scope", "cluster", "cluster", "support"));
        Extractor.on(fake, (m, existing) -> facts(add("user", "owns", "a bike", "The user owns a bike.", "personal")));
        String user = Ids.generate("usr");

        Events.publishTurn(Events.turn(org.id(), first, "cnv_a", user, "I own a bike."));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(recall(org, first, user)).isNotEmpty());

        // the other agent of the cluster recalls it for the same user; an agent outside it does not
        assertThat(recall(org, second, user))
                .extracting(RecalledFact::getText)
                .containsExactly("The user owns a bike.");
        assertThat(recall(org, loner, user)).isEmpty();
        assertThat(recall(org, second, Ids.generate("usr"))).isEmpty();
    }

    private List<RecalledFact> recall(TestOrg org, String agent, String user) {
        return MemoryGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("chat"))))
                .recall(RecallRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .setUserId(user)
                        .setQuery("What does the user own?")
                        .build())
                .getFactsList();
    }

    private void patch(TestOrg org, String agent, Map<String, Object> body) {
        TestHttp.Response response = http.patch("/api/v1/agents/" + agent + "/memory-config", org.member(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
