package dev.stoa.agent;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.id.Ids;
import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.ModelTarget;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@AgentServiceTest
class RuntimeConfigIT {
    private final AgentApi api;
    private final ManagedChannel channel;

    RuntimeConfigIT(AgentApi api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @Test
    void servicesGetTheResolvedConfigWithDecryptedKeysAndFollowTierChanges() {
        TestOrg org = TestOrg.create();
        String primary = api.fakeProvider(org);
        String fallback = api.provider(org, "anthropic", api.fake().baseUrl(), "sk-ant-fallback-key-0000");
        String tier = api.tier(
                org,
                "smart",
                List.of(
                        Map.of("provider_id", primary, "model", "gpt-4o-mini"),
                        Map.of("provider_id", fallback, "model", "claude-3-5-haiku-latest")));
        String id = api.createAgent(
                        org,
                        Map.of(
                                "name",
                                "runner",
                                "model",
                                Map.of("tier", "smart"),
                                "prompt_blocks",
                                List.of(
                                        Map.of("name", "a", "content", "Hello {{name}}."),
                                        Map.of("name", "b", "content", "Hidden.", "enabled", false),
                                        Map.of("name", "c", "content", "Bye.")),
                                "input_schema",
                                Map.of("type", "object"),
                                "rate_limits",
                                Map.of("requests_per_minute", 30, "tokens_per_minute", 9000),
                                "monthly_budget_usd",
                                12.5,
                                "metadata",
                                Map.of("team", "support", "level", 3)))
                .path("id")
                .asString();

        AgentRuntimeConfig config = get(asService(), org.id(), id, 0, "");

        assertThat(config.getOrgId()).isEqualTo(org.id());
        assertThat(config.getVersion()).isEqualTo(1);
        assertThat(config.getStatus()).isEqualTo("active");
        assertThat(config.getName()).isEqualTo("runner");
        assertThat(config.getSystemPrompt()).isEqualTo("Hello {{name}}.\n\nBye.");
        assertThat(config.getPromptBlocksList())
                .extracting(b -> b.getPosition())
                .containsExactly(0, 2);
        assertThat(config.getInputSchemaJson()).isEqualTo("{\"type\":\"object\"}");
        assertThat(config.getOutputSchemaJson()).isEmpty();
        assertThat(config.getRateLimits().getRequestsPerMinute()).isEqualTo(30);
        assertThat(config.getRateLimits().getTokensPerMinute()).isEqualTo(9000);
        assertThat(config.getMonthlyBudgetMicros()).isEqualTo(12_500_000L);
        assertThat(config.getMetadataMap()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "support", "level", "3"));
        List<ModelTarget> chain = config.getModelChainList();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getProviderId()).isEqualTo(primary);
        assertThat(chain.get(0).getProviderKind()).isEqualTo("openai_compatible");
        assertThat(chain.get(0).getBaseUrl()).isEqualTo(api.fake().baseUrl() + "/v1");
        assertThat(chain.get(0).getApiKey()).isEqualTo(AgentApi.PROVIDER_KEY);
        assertThat(chain.get(0).hasInfo())
                .as("no catalog entry for openai_compatible gpt-4o-mini")
                .isFalse();
        assertThat(chain.get(1).getApiKey()).isEqualTo("sk-ant-fallback-key-0000");
        assertThat(chain.get(1).getInfo().getContextWindow()).isEqualTo(200_000);
        assertThat(chain.get(1).getInfo().getInputPriceMicrosPerMtok()).isEqualTo(800_000L);

        api.patch(
                "/api/v1/tiers/" + tier,
                org.admin(),
                Map.of("targets", List.of(Map.of("provider_id", fallback, "model", "claude-sonnet-4-20250514"))));
        api.post("/api/v1/agents/" + id + "/pause", org.member(), null);

        AgentRuntimeConfig after = get(asService(), org.id(), id, 0, "");
        assertThat(after.getVersion())
                .as("a tier change is not an agent version")
                .isEqualTo(1);
        assertThat(after.getStatus()).isEqualTo("paused");
        assertThat(after.getModelChainList())
                .extracting(ModelTarget::getModel)
                .containsExactly("claude-sonnet-4-20250514");
    }

    @Test
    void onlyPlatformServicesMayReadRuntimeConfigs() {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        AgentRuntimeServiceBlockingStub asUser =
                AgentRuntimeServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(org.owner()));
        AgentRuntimeServiceBlockingStub anonymous = AgentRuntimeServiceGrpc.newBlockingStub(channel);

        assertCode(() -> get(asUser, org.id(), id, 0, ""), Status.Code.PERMISSION_DENIED);
        assertCode(() -> get(anonymous, org.id(), id, 0, ""), Status.Code.UNAUTHENTICATED);
        assertThat(get(asService(), org.id(), id, 0, "").getAgentId()).isEqualTo(id);
    }

    @Test
    void anotherOrgsOrAMissingAgentOrVersionIsNotFound() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        String deleted = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        api.delete("/api/v1/agents/" + deleted, org.member());

        assertCode(() -> get(asService(), other.id(), id, 0, ""), Status.Code.NOT_FOUND);
        assertCode(() -> get(asService(), org.id(), deleted, 0, ""), Status.Code.NOT_FOUND);
        assertCode(() -> get(asService(), org.id(), id, 5, ""), Status.Code.NOT_FOUND);
        assertCode(() -> get(asService(), org.id(), Ids.generate("agt"), 0, ""), Status.Code.NOT_FOUND);
        assertCode(() -> get(asService(), "", id, 0, ""), Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void canaryServesAStableShareOfConversations() {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        api.patch("/api/v1/agents/" + id, org.member(), Map.of("name", "v2"));
        api.put("/api/v1/agents/" + id + "/canary", org.member(), Map.of("version", 1, "percent", 30));
        AgentRuntimeServiceBlockingStub service = asService();

        List<Integer> versions = IntStream.range(0, 200)
                .mapToObj(i -> get(service, org.id(), id, 0, "conv-" + i).getVersion())
                .toList();

        long onCanary = versions.stream().filter(v -> v == 1).count();
        assertThat(onCanary).isBetween(35L, 85L);
        assertThat(versions).containsOnly(1, 2);
        assertThat(IntStream.range(0, 200)
                        .map(i -> get(service, org.id(), id, 0, "conv-" + i).getVersion()))
                .containsExactlyElementsOf(versions);
        assertThat(get(service, org.id(), id, 0, "").getVersion())
                .as("no key: current version")
                .isEqualTo(2);
        AgentRuntimeConfig pinned = get(service, org.id(), id, 1, "conv-0");
        assertThat(pinned.getVersion()).isEqualTo(1);
        assertThat(pinned.getName()).isEqualTo("support");
    }

    static AgentRuntimeConfig get(
            AgentRuntimeServiceBlockingStub stub, String org, String agent, int version, String key) {
        return stub.getRuntimeConfig(GetRuntimeConfigRequest.newBuilder()
                        .setOrgId(org)
                        .setAgentId(agent)
                        .setVersion(version)
                        .setConversationKey(key)
                        .build())
                .getConfig();
    }

    AgentRuntimeServiceBlockingStub asService() {
        return AgentRuntimeServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("chat"))));
    }

    static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                        e.getStatus().getCode())
                .isEqualTo(code));
    }
}
