package dev.stoa.agent;

import static dev.stoa.agent.RuntimeConfigIT.assertCode;
import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRuntimeConfig;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.ModelSelector;
import dev.stoa.proto.agent.v1.ModelTarget;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@code GetRuntimeConfig}'s {@code model_override} (memory extraction and eval judges run an agent's config on a
 * model chosen apart from the agent's own): a tier or one provider + model of the agent's org replaces the model chain,
 * resolved with the same rules and checks; nothing else of the config changes.
 */
@AgentServiceTest
class RuntimeModelOverrideIT {
    private final AgentApi api;
    private final ManagedChannel channel;

    RuntimeModelOverrideIT(AgentApi api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @Test
    void aTierOverrideReplacesTheChainWithTheTiersTargets() {
        TestOrg org = TestOrg.create();
        String primary = api.fakeProvider(org);
        String fallback = api.provider(org, "anthropic", api.fake().baseUrl(), "sk-ant-judge-key-0000");
        String tier = api.tier(
                org,
                "judges",
                List.of(
                        Map.of("provider_id", fallback, "model", "claude-3-5-haiku-latest"),
                        Map.of("provider_id", primary, "model", "gpt-4.1-nano")));
        String agent = api.agentOn(org, primary).path("id").asString();
        AgentRuntimeConfig own = get(org.id(), agent, null);

        AgentRuntimeConfig judged =
                get(org.id(), agent, ModelSelector.newBuilder().setTierId(tier).build());

        assertThat(judged.getModelChainList())
                .extracting(ModelTarget::getProviderId, ModelTarget::getModel)
                .containsExactly(tuple(fallback, "claude-3-5-haiku-latest"), tuple(primary, "gpt-4.1-nano"));
        assertThat(judged.getModelChain(0).getApiKey()).isEqualTo("sk-ant-judge-key-0000");
        assertThat(own.getModelChainList()).extracting(ModelTarget::getModel).containsExactly("gpt-4o-mini");
        assertThat(judged.toBuilder().clearModelChain().build())
                .as("only the chain changes")
                .isEqualTo(own.toBuilder().clearModelChain().build());
    }

    @Test
    void aProviderAndModelOverrideIsAChainOfOne() {
        TestOrg org = TestOrg.create();
        String provider = api.fakeProvider(org);
        String agent = api.agentOn(org, provider).path("id").asString();

        AgentRuntimeConfig config = get(
                org.id(),
                agent,
                ModelSelector.newBuilder()
                        .setProviderId(provider)
                        .setModel("gpt-4.1-nano")
                        .build());

        assertThat(config.getModelChainList()).hasSize(1);
        ModelTarget target = config.getModelChain(0);
        assertThat(target.getProviderId()).isEqualTo(provider);
        assertThat(target.getModel()).isEqualTo("gpt-4.1-nano");
        assertThat(target.getApiKey()).isEqualTo(AgentApi.PROVIDER_KEY);
        assertThat(target.getBaseUrl()).isEqualTo(api.fake().baseUrl() + "/v1");
    }

    @Test
    void anUnknownTierOrAnotherOrgsProviderIsAFailedPrecondition() {
        TestOrg org = TestOrg.create();
        String agent = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        TestOrg other = TestOrg.create();
        String foreignProvider = api.fakeProvider(other);

        assertFailedPrecondition(
                () -> get(
                        org.id(),
                        agent,
                        ModelSelector.newBuilder()
                                .setTierId("tier_doesnotexist0000")
                                .build()),
                "tier_missing");
        assertFailedPrecondition(
                () -> get(
                        org.id(),
                        agent,
                        ModelSelector.newBuilder()
                                .setProviderId(foreignProvider)
                                .setModel("gpt-4o-mini")
                                .build()),
                "provider_missing");
    }

    @Test
    void halfASelectorIsAnInvalidArgumentNamingTheField() {
        TestOrg org = TestOrg.create();
        String provider = api.fakeProvider(org);
        String agent = api.agentOn(org, provider).path("id").asString();

        for (ModelSelector half : List.of(
                ModelSelector.newBuilder().setProviderId(provider).build(),
                ModelSelector.newBuilder().setModel("gpt-4o-mini").build(),
                ModelSelector.getDefaultInstance())) {
            assertThatThrownBy(() -> get(org.id(), agent, half))
                    .as(half.toString())
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(GrpcErrors.toStoaException(e)
                                        .fieldErrors()
                                        .getFirst()
                                        .field())
                                .isEqualTo("model_override");
                    });
        }
    }

    @Test
    void anOverrideIsStillForPlatformServicesOnly() {
        TestOrg org = TestOrg.create();
        String provider = api.fakeProvider(org);
        String agent = api.agentOn(org, provider).path("id").asString();
        AgentRuntimeServiceBlockingStub asUser =
                AgentRuntimeServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(org.admin()));

        assertCode(
                () -> asUser.getRuntimeConfig(request(
                        org.id(),
                        agent,
                        ModelSelector.newBuilder()
                                .setProviderId(provider)
                                .setModel("gpt-4o-mini")
                                .build())),
                Status.Code.PERMISSION_DENIED);
    }

    private static void assertFailedPrecondition(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo(code);
        });
    }

    private AgentRuntimeConfig get(String orgId, String agentId, @Nullable ModelSelector override) {
        return AgentRuntimeServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("memory"))))
                .getRuntimeConfig(request(orgId, agentId, override))
                .getConfig();
    }

    private static GetRuntimeConfigRequest request(String orgId, String agentId, @Nullable ModelSelector override) {
        GetRuntimeConfigRequest.Builder request =
                GetRuntimeConfigRequest.newBuilder().setOrgId(orgId).setAgentId(agentId);
        if (override != null) {
            request.setModelOverride(override);
        }
        return request.build();
    }
}
