package dev.stoa.monitoring;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.events.Topics;
import dev.stoa.proto.monitoring.v1.GetMonthSpendRequest;
import dev.stoa.proto.monitoring.v1.GetMonthSpendResponse;
import dev.stoa.proto.monitoring.v1.SpendGrpc;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Spend over gRPC: an agent's month-to-date total from the ledger, for platform services only. */
@MonitoringServiceTest
class SpendIT {
    private final ManagedChannel channel;

    SpendIT(ManagedChannel channel) {
        this.channel = channel;
    }

    @Test
    void answersTheAgentsSpendSinceTheStartOfTheUtcMonth() {
        TestOrg org = TestOrg.create();
        String agent = Ids.generate("agt");
        Instant now = Instant.now();
        LocalDate monthStart = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1);
        publish(org, agent, 700, now);
        publish(org, agent, 300, now);
        publish(org, Ids.generate("agt"), 5_000, now);
        // last month's turn does not count
        publish(
                org,
                agent,
                9_000,
                monthStart.atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(3600));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(spend(org.id(), agent).getSpentMicros()).isEqualTo(1_000));
        GetMonthSpendResponse month = spend(org.id(), agent);
        assertThat(month.getMonthStartEpochSeconds())
                .isEqualTo(monthStart.atStartOfDay().toEpochSecond(ZoneOffset.UTC));
        // another org's ledger has nothing of this agent
        assertThat(spend(TestOrg.create().id(), agent).getSpentMicros()).isZero();
    }

    @Test
    void isForPlatformServicesOnlyAndNamesMissingIds() {
        TestOrg org = TestOrg.create();
        GetMonthSpendRequest request = GetMonthSpendRequest.newBuilder()
                .setOrgId(org.id())
                .setAgentId(Ids.generate("agt"))
                .build();
        assertCode(
                () -> SpendGrpc.newBlockingStub(channel)
                        .withInterceptors(bearer(org.owner()))
                        .getMonthSpend(request),
                Status.Code.PERMISSION_DENIED);
        assertCode(() -> SpendGrpc.newBlockingStub(channel).getMonthSpend(request), Status.Code.UNAUTHENTICATED);
        assertCode(
                () -> asService().getMonthSpend(request.toBuilder().setOrgId("").build()),
                Status.Code.INVALID_ARGUMENT);
        assertCode(
                () -> asService()
                        .getMonthSpend(request.toBuilder().setAgentId("").build()),
                Status.Code.INVALID_ARGUMENT);
    }

    private GetMonthSpendResponse spend(String orgId, String agentId) {
        return asService()
                .getMonthSpend(GetMonthSpendRequest.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .build());
    }

    private SpendGrpc.SpendBlockingStub asService() {
        return SpendGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("chat"))));
    }

    private static void publish(TestOrg org, String agent, long cost, Instant at) {
        SourceEvents.publish(
                Topics.TURNS,
                org.id(),
                SourceEvents.turn(org.id(), agent, "gpt-4o-mini", 1, 1, cost, at)
                        .build());
    }

    private static void assertCode(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                        e.getStatus().getCode())
                .isEqualTo(code));
    }
}
