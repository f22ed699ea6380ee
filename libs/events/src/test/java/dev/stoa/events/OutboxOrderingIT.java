package dev.stoa.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.proto.events.v1.AuditEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Each key's events reach Kafka in the order their transactions committed, whatever order they were appended in and
 * however the transactions interleave. The relay is driven by the test (not its schedule) so that it publishes
 * exactly when the test wants it to.
 */
@SpringBootTest(
        classes = EventsTestApp.class,
        properties = {
            "spring.application.name=events-ordering-test",
            "spring.liquibase.change-log=classpath:db/changelog/events-test.yaml",
            "stoa.events.relay.enabled=false"
        })
class OutboxOrderingIT {
    private static final String TOPIC = "stoa.ordering-test.v1";
    private static final AuditEvent PAYLOAD =
            AuditEvent.newBuilder().setAction("ordering.test").build();

    @Autowired
    Outbox outbox;

    @Autowired
    DSLContext dsl;

    @Autowired
    PlatformTransactionManager transactionManager;

    OutboxRelay relay;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        StoaPostgres.freshDatabase("events").springProperties().forEach((k, v) -> registry.add(k, () -> v));
        StoaKafka.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        StoaKafka.createTopics(TOPIC);
    }

    @BeforeEach
    void relay() {
        java.util.function.Supplier<org.apache.kafka.clients.producer.Producer<String, byte[]>> producers =
                () -> new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                StoaKafka.bootstrapServers(),
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true),
                        new StringSerializer(),
                        new ByteArraySerializer());
        relay = new OutboxRelay(
                dsl,
                transactionManager,
                producers,
                new EventsProperties.Relay(
                        false,
                        Duration.ofMillis(10),
                        50,
                        Duration.ofDays(1),
                        Duration.ofDays(1),
                        Duration.ofSeconds(1)));
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @Test
    void aKeysEventsArePublishedInCommitOrderNotInTheOrderTheyWereAppended() throws Exception {
        String key = "org_" + UUID.randomUUID();
        int writers = 5;
        List<CountDownLatch> mayCommit = new ArrayList<>();
        List<CountDownLatch> committed = new ArrayList<>();
        List<String> commitOrder = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        List<Future<?>> running = new ArrayList<>();
        try {
            // Transactions 0..4 open one after another and each appends its event before the next opens...
            for (int i = 0; i < writers; i++) {
                String subject = "writer-" + i;
                CountDownLatch appended = new CountDownLatch(1);
                CountDownLatch go = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(1);
                mayCommit.add(go);
                committed.add(done);
                running.add(threads.submit(() -> {
                    TransactionStatus tx = transactionManager.getTransaction(new DefaultTransactionDefinition());
                    outbox.append(dsl, TOPIC, key, "dev.stoa.test.ordered", subject, PAYLOAD);
                    appended.countDown();
                    await(go);
                    transactionManager.commit(tx);
                    commitOrder.add(subject);
                    done.countDown();
                    return null;
                }));
                assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            }
            // ...and they commit the other way round: 4 first, 0 last.
            for (int i = writers - 1; i >= 0; i--) {
                mayCommit.get(i).countDown();
                assertThat(committed.get(i).await(30, TimeUnit.SECONDS)).isTrue();
            }
            for (Future<?> writer : running) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        publishEverything();

        assertThat(commitOrder).containsExactly("writer-4", "writer-3", "writer-2", "writer-1", "writer-0");
        assertThat(publishedSubjects(key)).containsExactlyElementsOf(commitOrder);
    }

    @Test
    void concurrentTransactionsOfTwoKeysArePublishedPerKeyInCommitOrder() throws Exception {
        List<String> keys = List.of("org_" + UUID.randomUUID(), "org_" + UUID.randomUUID());
        Map<String, List<String>> commitOrder = new ConcurrentHashMap<>();
        keys.forEach(key -> commitOrder.put(key, new ArrayList<>()));
        Object commitLock = new Object();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try {
            // The relay publishes while the writers commit, as it does in production.
            Future<?> publisher = threads.submit(() -> {
                while (writing.get()) {
                    relay.relayBatch();
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int n = 0; n < 20; n++) {
                        String key = keys.get(random.nextInt(keys.size()));
                        TransactionStatus tx = transactionManager.getTransaction(new DefaultTransactionDefinition());
                        List<String> subjects = List.of("w" + writer + "-" + n + "-a", "w" + writer + "-" + n + "-b");
                        for (String subject : subjects) {
                            outbox.append(dsl, TOPIC, key, "dev.stoa.test.ordered", subject, PAYLOAD);
                            Thread.sleep(random.nextInt(3));
                        }
                        Thread.sleep(random.nextInt(3));
                        // Committing and noting the order under one lock makes the noted order the commit order.
                        synchronized (commitLock) {
                            transactionManager.commit(tx);
                            commitOrder.get(key).addAll(subjects);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            publisher.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        publishEverything();

        for (String key : keys) {
            assertThat(publishedSubjects(key)).as(key).containsExactlyElementsOf(commitOrder.get(key));
        }
        assertThat(commitOrder.values().stream().mapToInt(List::size).sum()).isEqualTo(4 * 20 * 2);
    }

    @Test
    void aRelayStoppedAndStartedAgainPublishesWithAFreshProducer() throws Exception {
        // Spring stops and starts lifecycle beans without recreating them (a paused test context does): the relay
        // must not keep using the producer its stop() closed.
        relay.start();
        relay.stop();
        relay.start();
        String key = "restart-" + UUID.randomUUID();
        new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                .executeWithoutResult(
                        tx -> outbox.append(dsl, TOPIC, key, "dev.stoa.test.ordered", "after-restart", PAYLOAD));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(publishedSubjects(key)).containsExactly("after-restart"));
        assertThat(relay.failedAttempts()).isZero();
    }

    private void publishEverything() {
        while (relay.relayBatch() > 0) {
            // until the outbox is empty
        }
        assertThat(dsl.fetchCount(dsl.selectFrom("stoa_outbox where published_at is null")))
                .isZero();
    }

    private static List<String> publishedSubjects(String key) {
        return EventsTestApp.readAll(StoaKafka.bootstrapServers(), TOPIC).stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> OutboxIT.header(record, "ce_subject"))
                .toList();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never let this writer commit");
        }
    }
}
