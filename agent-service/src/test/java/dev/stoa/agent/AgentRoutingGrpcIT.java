package dev.stoa.agent;

import static dev.stoa.agent.RuntimeConfigIT.assertCode;
import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRouting;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.ClearCanaryRequest;
import dev.stoa.proto.agent.v1.PromoteVersionRequest;
import dev.stoa.proto.agent.v1.SetCanaryRequest;
import dev.stoa.proto.events.v1.AgentChanged;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code SetCanary}, {@code ClearCanary} and {@code PromoteVersion}: eval-service's A/B tests change an agent's routing
 * for the user they act for, with the rules, versions and records of the REST canary and rollback.
 */
@AgentServiceTest
class AgentRoutingGrpcIT {
    private final AgentApi api;
    private final ManagedChannel channel;

    AgentRoutingGrpcIT(AgentApi api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @Test
    void setsAndClearsTheCanaryAsTheRestCanaryDoes() {
        TestOrg org = TestOrg.create();
        String agent = twoVersions(org);

        AgentRouting set = asEval().setCanary(SetCanaryRequest.newBuilder()
                .setOrgId(org.id())
                .setAgentId(agent)
                .setVersion(1)
                .setPercent(30)
                .setActorUserId("usr_actor")
                .build());

        assertThat(set.getCurrentVersion()).isEqualTo(2);
        assertThat(set.getCanaryVersion()).isEqualTo(1);
        assertThat(set.getCanaryPercent()).isEqualTo(30);
        JsonNode read = api.get("/api/v1/agents/" + agent, org.member()).json();
        assertThat(read.path("canary").path("version").asInt()).isEqualTo(1);
        assertThat(read.path("canary").path("percent").asInt()).isEqualTo(30);

        AgentRouting cleared = asEval().clearCanary(clear(org.id(), agent));
        AgentRouting again = asEval().clearCanary(clear(org.id(), agent));

        assertThat(cleared.getCanaryVersion()).isZero();
        assertThat(again).as("idempotent").isEqualTo(cleared);
        assertThat(noCanary(api.get("/api/v1/agents/" + agent, org.member()).json()))
                .isTrue();
    }

    @Test
    void promoteMakesTheVersionCurrentAsARollbackByTheActorAndStopsTheCanary() {
        TestOrg org = TestOrg.create();
        String agent = twoVersions(org);
        asEval().setCanary(SetCanaryRequest.newBuilder()
                .setOrgId(org.id())
                .setAgentId(agent)
                .setVersion(1)
                .setPercent(50)
                .build());

        AgentRouting promoted = asEval().promoteVersion(promote(org.id(), agent, 1));

        assertThat(promoted.getCurrentVersion()).isEqualTo(3);
        assertThat(promoted.getCanaryVersion()).isZero();
        JsonNode v3 =
                api.get("/api/v1/agents/" + agent + "/versions/3", org.member()).json();
        assertThat(v3.path("change").asString()).isEqualTo("rolled_back");
        assertThat(v3.path("source_version").asInt()).isEqualTo(1);
        assertThat(v3.path("created_by").asString()).isEqualTo("usr_promoter");
        JsonNode read = api.get("/api/v1/agents/" + agent, org.member()).json();
        assertThat(read.path("name").asString()).isEqualTo("support");
        assertThat(noCanary(read)).isTrue();
        // the REST paths' events: the canary set, then the rollback's new version and the canary stopped
        List<AgentChanged> changes = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = AgentEventsIT.consumer()) {
            consumer.subscribe(List.of(Topics.AGENTS));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    AgentChanged change = ReceivedEvent.from(record).payload(AgentChanged.parser());
                    if (org.id().equals(record.key()) && agent.equals(change.getAgentId())) {
                        changes.add(change);
                    }
                }
                assertThat(changes)
                        .extracting(AgentChanged::getChange, AgentChanged::getVersion)
                        .containsExactly(
                                tuple("created", 1),
                                tuple("updated", 2),
                                tuple("canary_changed", 2),
                                tuple("rolled_back", 3),
                                tuple("canary_changed", 3));
            });
        }
    }

    @Test
    void onlyServicesMayRouteAndBadInputIsRefused() {
        TestOrg org = TestOrg.create();
        String agent = twoVersions(org);
        AgentRuntimeServiceBlockingStub asUser =
                AgentRuntimeServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(org.owner()));

        assertCode(() -> asUser.promoteVersion(promote(org.id(), agent, 1)), Status.Code.PERMISSION_DENIED);
        assertCode(() -> asUser.clearCanary(clear(org.id(), agent)), Status.Code.PERMISSION_DENIED);
        assertCode(() -> asEval().promoteVersion(promote(TestOrg.create().id(), agent, 1)), Status.Code.NOT_FOUND);
        assertCode(() -> asEval().promoteVersion(promote(org.id(), Ids.generate("agt"), 1)), Status.Code.NOT_FOUND);
        assertInvalid(() -> asEval().promoteVersion(promote(org.id(), agent, 9)), "version");
        assertInvalid(() -> asEval().promoteVersion(promote(org.id(), agent, 0)), "version");
        assertInvalid(
                () -> asEval().setCanary(SetCanaryRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .setVersion(2)
                        .setPercent(50)
                        .build()),
                "version");
        assertInvalid(
                () -> asEval().setCanary(SetCanaryRequest.newBuilder()
                        .setOrgId(org.id())
                        .setAgentId(agent)
                        .setVersion(1)
                        .setPercent(101)
                        .build()),
                "percent");
        assertThat(api.get("/api/v1/agents/" + agent, org.member())
                        .json()
                        .path("version")
                        .asInt())
                .as("nothing changed")
                .isEqualTo(2);
    }

    /** An agent at version 2 (a rename after the creation). */
    private String twoVersions(TestOrg org) {
        String agent = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        assertThat(api.patch("/api/v1/agents/" + agent, org.member(), Map.of("name", "renamed"))
                        .status())
                .isEqualTo(200);
        return agent;
    }

    private static boolean noCanary(JsonNode agent) {
        return agent.path("canary").isNull() || agent.path("canary").isMissingNode();
    }

    private static void assertInvalid(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcErrors.toStoaException(e).fieldErrors().getFirst().field())
                    .isEqualTo(field);
        });
    }

    private static ClearCanaryRequest clear(String orgId, String agentId) {
        return ClearCanaryRequest.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .build();
    }

    private static PromoteVersionRequest promote(String orgId, String agentId, int version) {
        return PromoteVersionRequest.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setVersion(version)
                .setActorUserId("usr_promoter")
                .build();
    }

    private AgentRuntimeServiceBlockingStub asEval() {
        return AgentRuntimeServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("eval"))));
    }
}
