package dev.stoa.agent;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stoa.agentclient.AgentChangesListener;
import dev.stoa.agentclient.AgentRuntimeClient;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.events.ProcessedEvents;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.RecordUsageRequest;
import dev.stoa.proto.agent.v1.RecordUsageResponse;
import dev.stoa.proto.events.v1.AgentChanged;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Usage reporting over gRPC, and stoa-agent-client's cache against the real service and the real event stream. */
@AgentServiceTest
class UsageAndRuntimeClientIT {
    private final AgentApi api;
    private final ManagedChannel channel;

    @Autowired
    ProcessedEvents processed;

    @Autowired
    DSLContext dsl;

    UsageAndRuntimeClientIT(AgentApi api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @Test
    void reportedUsageAddsUpOverTheLastMinuteAndShowsInRateLimits() {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "metered", "rate_limits", Map.of("requests_per_minute", 10)))
                .path("id")
                .asString();

        record(org.id(), id, 1, 120);
        RecordUsageResponse second = record(org.id(), id, 1, 80);

        assertThat(second.getRequests()).isEqualTo(2);
        assertThat(second.getTokens()).isEqualTo(200);
        assertThat(second.getLimits().getRequestsPerMinute()).isEqualTo(10);
        JsonNode limits =
                api.get("/api/v1/agents/" + id + "/rate-limits", org.viewer()).json();
        assertThat(limits.path("usage").path("requests").asLong()).isEqualTo(2);
        assertThat(limits.path("usage").path("tokens").asLong()).isEqualTo(200);
    }

    @Test
    void aRequestPastTheLimitIsRefusedUncountedWithWhenToRetry() {
        TestOrg org = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "strict", "rate_limits", Map.of("requests_per_minute", 2)))
                .path("id")
                .asString();
        record(org.id(), id, 1, 0);
        record(org.id(), id, 1, 0);

        RecordUsageResponse refused = record(org.id(), id, 1, 0);
        RecordUsageResponse tokensAfterAModelCall = record(org.id(), id, 0, 50);

        assertThat(refused.getLimited()).isEqualTo("requests");
        assertThat(refused.getRequests()).isEqualTo(2);
        assertThat(refused.getRetryAfterMillis()).isBetween(1_000L, 60_000L);
        assertThat(tokensAfterAModelCall.getLimited()).isEmpty();
        assertThat(tokensAfterAModelCall.getTokens()).isEqualTo(50);
        JsonNode limits =
                api.get("/api/v1/agents/" + id + "/rate-limits", org.viewer()).json();
        assertThat(limits.path("usage").path("requests").asLong()).isEqualTo(2);
        assertThat(limits.path("usage").path("tokens").asLong()).isEqualTo(50);
    }

    @Test
    void usageReportsAreForServicesOnlyAndStayInTheirOrg() {
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        String id = api.createAgent(org, Map.of("name", "private")).path("id").asString();
        AgentRuntimeServiceBlockingStub asUser =
                AgentRuntimeServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(org.admin()));

        RuntimeConfigIT.assertCode(
                () -> asUser.recordUsage(request(org.id(), id, 1, 1)), Status.Code.PERMISSION_DENIED);
        RuntimeConfigIT.assertCode(() -> asService().recordUsage(request(other.id(), id, 1, 1)), Status.Code.NOT_FOUND);
        RuntimeConfigIT.assertCode(
                () -> asService().recordUsage(request(org.id(), id, 1, -5)), Status.Code.INVALID_ARGUMENT);
        assertThat(api.get("/api/v1/agents/" + id + "/rate-limits", org.viewer())
                        .json()
                        .path("usage")
                        .path("tokens")
                        .asLong())
                .isZero();
    }

    @Test
    void clientCachesAVersionAndDropsItWhenTheAgentChanges() throws Exception {
        TestOrg org = TestOrg.create();
        String id = api.agentOn(org, api.fakeProvider(org)).path("id").asString();
        AtomicInteger calls = new AtomicInteger();
        AgentRuntimeClient client =
                new AgentRuntimeClient(asService().withInterceptors(counting(calls)), Duration.ofMinutes(10), 1000);
        StoaKafka.createTopics(AgentChangesListener.TOPIC);

        try (AgentChangesListener listener =
                AgentChangesListener.start(StoaKafka.bootstrapServers(), processed, dsl, client::onChanged)) {
            assertThat(client.version(org.id(), id, 1).getStatus()).isEqualTo("active");
            assertThat(client.version(org.id(), id, 1).getStatus()).isEqualTo("active");
            assertThat(calls).hasValue(1);

            assertThat(api.post("/api/v1/agents/" + id + "/pause", org.member(), null)
                            .status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> client.cachedCount() == 0);
            assertThat(client.version(org.id(), id, 1).getStatus()).isEqualTo("paused");
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void listenerHandlesARedeliveredChangeOnce() throws Exception {
        StoaKafka.createTopics(AgentChangesListener.TOPIC);
        String orgId = TestOrg.create().id();
        List<AgentChanged> handled = new CopyOnWriteArrayList<>();
        String redelivered = "evt_" + UUID.randomUUID();

        try (AgentChangesListener listener =
                AgentChangesListener.start(StoaKafka.bootstrapServers(), processed, dsl, event -> {
                    if (event.getOrgId().equals(orgId)) {
                        handled.add(event);
                    }
                })) {
            publish(redelivered, orgId, "first");
            publish(redelivered, orgId, "first"); // the relay's at-least-once: the same event again
            publish("evt_" + UUID.randomUUID(), orgId, "second");

            // One partition keeps order: once "second" is handled, the redelivery before it was seen and skipped.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> handled.stream().anyMatch(e -> e.getSubjectId().equals("second")));
        }
        assertThat(handled).extracting(AgentChanged::getSubjectId).containsExactly("first", "second");
    }

    /** Publishes an {@code AgentChanged} as the outbox relay does: a binary-mode CloudEvent keyed by org. */
    private static void publish(String eventId, String orgId, String subjectId) throws Exception {
        AgentChanged change = AgentChanged.newBuilder()
                .setOrgId(orgId)
                .setChange("provider_changed")
                .setSubjectId(subjectId)
                .build();
        CloudEvent event = CloudEventBuilder.v1()
                .withId(eventId)
                .withType("dev.stoa.agent.provider_changed")
                .withSource(URI.create("/stoa/agent-test"))
                .withDataContentType("application/protobuf")
                .withData(change.toByteArray())
                .build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StoaKafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(KafkaMessageFactory.<String>createWriter(AgentChangesListener.TOPIC, orgId)
                            .writeBinary(event))
                    .get();
        }
    }

    @Test
    void clientTurnsGrpcErrorsBackIntoDomainExceptions() {
        TestOrg org = TestOrg.create();
        AgentRuntimeClient asService = new AgentRuntimeClient(asService(), Duration.ofMinutes(1), 10);
        AgentRuntimeClient asUser = new AgentRuntimeClient(
                AgentRuntimeServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(org.admin())),
                Duration.ofMinutes(1),
                10);
        String id = api.createAgent(org, Map.of("name", "x")).path("id").asString();

        assertThatThrownBy(() -> asService.version(org.id(), "agt_nope", 1))
                .isInstanceOfSatisfying(
                        StoaException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> asUser.version(org.id(), id, 1)).isInstanceOfSatisfying(StoaException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
            assertThat(e.code()).isEqualTo("service_only");
        });
        assertThatThrownBy(() -> asService.serving("", id, "c1")).isInstanceOfSatisfying(StoaException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_ARGUMENT);
            assertThat(e.fieldErrors())
                    .extracting(StoaException.FieldError::field)
                    .contains("org_id");
        });
    }

    AgentRuntimeServiceBlockingStub asService() {
        return AgentRuntimeServiceGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("chat"))));
    }

    RecordUsageResponse record(String orgId, String agentId, long requests, long tokens) {
        return asService().recordUsage(request(orgId, agentId, requests, tokens));
    }

    static RecordUsageRequest request(String orgId, String agentId, long requests, long tokens) {
        return RecordUsageRequest.newBuilder()
                .setOrgId(orgId)
                .setAgentId(agentId)
                .setRequests(requests)
                .setTokens(tokens)
                .build();
    }

    static ClientInterceptor counting(AtomicInteger calls) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(
                    MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                calls.incrementAndGet();
                return next.newCall(method, options);
            }
        };
    }
}
