package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Degrade, don't fall over: with Kafka down, requests through the gateway keep working and every service stays
 * ready (events wait in the outboxes); when Kafka returns, the events written during the outage arrive. The platform
 * runs against a broker of this test's own (every service's spring.kafka.bootstrap-servers points at it), so the test
 * can stop it and start it again on the same port and data directory.
 */
@Timeout(900)
@Order(3) // a platform of its own: before the shared one starts (junit-platform.properties)
class KafkaOutageEndToEndIT {
    static StoaKafka kafka;
    static EmbeddedPlatform platform;
    static Path kafkaData;
    static int kafkaPort;

    @BeforeAll
    static void start() throws Exception {
        kafkaData = Path.of(System.getProperty("stoa.root", ".."))
                .toAbsolutePath()
                .normalize()
                .resolve("launcher/target/kafka-outage-home/kafka-" + UUID.randomUUID());
        kafkaPort = SharedPlatform.freePort();
        kafka = StoaKafka.startPersistent(kafkaData, kafkaPort);
        Map<String, Object> broker = Map.of("spring.kafka.bootstrap-servers", kafka.brokers());
        LaunchConfig config = SharedPlatform.ownPlatform(
                "kafka-outage-home",
                Map.of(
                        "identity-service", broker,
                        "agent-service", broker,
                        "chat-service", broker,
                        "tool-router-service", broker,
                        "monitoring-service", broker,
                        "memory-service", broker,
                        "eval-service", broker,
                        "gateway", broker));
        platform = EmbeddedPlatform.start(config);
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void requestsKeepWorkingWhileKafkaIsDownAndTheEventsArriveAfterItReturns() {
        TestHttp http = new TestHttp(platform.gatewayUrl());
        TestHttp agentService = new TestHttp(platform.agentUrl());
        String before = SharedPlatform.registerOwner(http);
        assertThat(http.get("/api/v1/agents", before).status()).isEqualTo(200);

        kafka.close();
        // The outage is seen: Kafka's health indicator (part of /actuator/health, not of readiness) turns DOWN.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> agentService.get("/actuator/health", null).status() == 503);

        long started = System.nanoTime();
        String email = "outage-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        Response registered = http.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", email, "password", SharedPlatform.PASSWORD, "name", "During"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Response login =
                http.post("/api/v1/auth/login", null, Map.of("email", email, "password", SharedPlatform.PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String owner = login.json().path("access_token").asString();
        Response provider = http.post(
                "/api/v1/providers",
                owner,
                Map.of(
                        "name",
                        "local",
                        "kind",
                        "openai_compatible",
                        "base_url",
                        "http://127.0.0.1:9/v1",
                        "api_key",
                        "sk-outage"));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        Response agent = http.post(
                "/api/v1/agents",
                owner,
                Map.of(
                        "name",
                        "Written during the outage",
                        "model",
                        Map.of("provider_id", provider.json().path("id").asString(), "model", "m")));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        String agentId = agent.json().path("id").asString();
        assertThat(http.get("/api/v1/agents/" + agentId, owner).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("no request waits for Kafka")
                .isLessThan(Duration.ofSeconds(20));
        for (String readiness : List.of(
                platform.identityUrl() + "/actuator/health/readiness",
                platform.agentUrl() + "/actuator/health/readiness",
                platform.gatewayManagementUrl() + "/actuator/health/readiness")) {
            assertThat(new TestHttp(readiness).get("", null).status())
                    .as(readiness)
                    .isEqualTo(200);
        }

        kafka = StoaKafka.startPersistent(kafkaData, kafkaPort);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> agentEventsMention(agentId));
        assertThat(http.get("/api/v1/agents/" + agentId, owner).status()).isEqualTo(200);
    }

    /**
     * Exactly-once effect through the pipeline (issue 12): chat turns run at a steady pace while the broker stops and
     * starts again, and then while chat-service (the outbox relay of turn events) is killed and restarted by the
     * launcher. Afterwards monitoring's cost ledger holds exactly what chat itself recorded: as many turns, as many
     * tokens, as much cost; nothing lost, nothing counted twice.
     */
    @Test
    void theLedgerEqualsChatsOwnRecordsAcrossABrokerRestartAndAKilledRelay() throws Exception {
        TestHttp http = new TestHttp(platform.gatewayUrl());
        String owner = SharedPlatform.registerOwner(http);
        String orgId =
                http.get("/api/v1/auth/me", owner).json().path("org").path("id").asString();
        String agent = SharedPlatform.agentOn(http, owner, platform.fakeProviderUrl() + "/v1");
        AtomicInteger answered = new AtomicInteger();
        // the load: one turn at a time, the next 100 ms after the last ended (about 5 turns/s on two cores)
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleWithFixedDelay(
                () -> {
                    try {
                        if (http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "count me"))
                                        .status()
                                == 200) {
                            answered.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        // chat-service is down (killed below): the next turn tries again
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        try {
            awaitMoreAnswered(answered, 5);
            kafka.close();
            awaitMoreAnswered(answered, 10); // turns finished while the broker is away wait in chat's outbox
            kafka = StoaKafka.startPersistent(kafkaData, kafkaPort);
            awaitMoreAnswered(answered, 5);
            SupervisedService chat = platform.services().get("chat-service");
            ProcessHandle.of(chat.pid()).orElseThrow().destroyForcibly(); // SIGKILL mid-stream, like an OOM kill
            awaitMoreAnswered(answered, 5); // after the launcher restarted it
        } finally {
            load.shutdown();
            load.awaitTermination(30, TimeUnit.SECONDS);
        }

        await("the ledger holds exactly chat's own records")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Response costs = http.get("/api/v1/monitoring/costs?group_by=agent", owner);
                    assertThat(costs.status()).as(costs.body()).isEqualTo(200);
                    JsonNode group = costs.json().path("groups").get(0);
                    assertThat(group).as(costs.body()).isNotNull();
                    assertThat(List.of(
                                    group.path("turns").asLong(),
                                    group.path("input_tokens").asLong(),
                                    group.path("output_tokens").asLong(),
                                    group.path("cost_micros").asLong()))
                            .isEqualTo(chatsOwnTotals(orgId));
                });
        assertThat(chatsOwnTotals(orgId).getFirst()).isGreaterThanOrEqualTo(25L);
    }

    private static void awaitMoreAnswered(AtomicInteger answered, int more) {
        int target = answered.get() + more;
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> answered.get() >= target);
    }

    /** Turns, input and output tokens and cost of the org's finished turns, as chat-service's database holds them. */
    private static List<Long> chatsOwnTotals(String orgId) throws SQLException {
        try (Connection db = platform.database("chat").connectAsApp()) {
            try (PreparedStatement org = db.prepareStatement("select set_config('stoa.org_id', ?, false)")) {
                org.setString(1, orgId);
                org.execute();
            }
            try (PreparedStatement sums = db.prepareStatement("select count(*), coalesce(sum(input_tokens), 0),"
                            + " coalesce(sum(output_tokens), 0), coalesce(sum(cost_micros), 0) from turns"
                            + " where org_id = ? and finished_at is not null");
                    ResultSet row = query(sums, orgId)) {
                row.next();
                return List.of(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4));
            }
        }
    }

    private static ResultSet query(PreparedStatement statement, String orgId) throws SQLException {
        statement.setString(1, orgId);
        return statement.executeQuery();
    }

    /** Whether stoa.agents.v1 holds an event about the agent (its CloudEvents subject or payload names it). */
    private static boolean agentEventsMention(String agentId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.brokers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "outage-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("stoa.agents.v1"));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (int polls = 0; polls < 5; polls++) {
                consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
            }
            return records.stream().anyMatch(r -> mentions(r, agentId));
        }
    }

    private static boolean mentions(ConsumerRecord<byte[], byte[]> record, String agentId) {
        for (Header header : record.headers()) {
            if (new String(header.value(), StandardCharsets.UTF_8).equals(agentId)) {
                return true;
            }
        }
        return new String(record.value(), StandardCharsets.ISO_8859_1).contains(agentId);
    }
}
