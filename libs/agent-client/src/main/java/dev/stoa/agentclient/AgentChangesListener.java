package dev.stoa.agentclient;

import dev.stoa.events.ProcessedEvents;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AgentChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code stoa.agents.v1} and hands every {@link AgentChanged} to a handler (usually
 * {@link AgentRuntimeClient#onChanged}) once: a redelivered event (the outbox relay publishes at least once) is
 * recognised by its id through {@link ProcessedEvents}. Every instance of a caching service must see every change, so
 * partitions are assigned manually (no consumer group) from the end of the log, a fresh cache having nothing stale to
 * drop, and the dedupe is kept per instance.
 */
public final class AgentChangesListener implements AutoCloseable {
    public static final String TOPIC = Topics.AGENTS;
    private static final Logger log = LoggerFactory.getLogger(AgentChangesListener.class);
    private static final Duration METADATA_WAIT = Duration.ofMinutes(2);

    private final KafkaConsumer<String, byte[]> consumer;
    private final ProcessedEvents processed;
    private final DSLContext database;
    private final String consumerName = "agent-changes/" + UUID.randomUUID();
    private final Consumer<AgentChanged> handler;
    private final Thread thread;
    private volatile boolean running = true;

    private AgentChangesListener(
            Map<String, Object> consumerProperties,
            ProcessedEvents processed,
            DSLContext database,
            Consumer<AgentChanged> handler) {
        this.consumer = new KafkaConsumer<>(
                consumerConfig(consumerProperties), new StringDeserializer(), new ByteArrayDeserializer());
        this.processed = processed;
        this.database = database;
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name("stoa-agent-changes").unstarted(this::run);
    }

    /** {@link #start(Map, ProcessedEvents, DSLContext, Consumer)} with nothing but the brokers' addresses. */
    public static AgentChangesListener start(
            String bootstrapServers, ProcessedEvents processed, DSLContext database, Consumer<AgentChanged> handler) {
        return start(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), processed, database, handler);
    }

    /**
     * Subscribes from now on; returns once the partitions are assigned, so later changes are never missed.
     *
     * @param consumerProperties the service's Kafka consumer settings (e.g. Boot's {@code spring.kafka.*}, so a
     *     broker that needs SASL is reached with the same credentials as the service's other clients)
     * @param database the service's database, where {@code processed} records the events handled
     */
    public static AgentChangesListener start(
            Map<String, Object> consumerProperties,
            ProcessedEvents processed,
            DSLContext database,
            Consumer<AgentChanged> handler) {
        AgentChangesListener listener = new AgentChangesListener(consumerProperties, processed, database, handler);
        List<TopicPartition> partitions = listener.partitions().stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            // The topic does not exist yet: whatever is published to it later is news to us.
            TopicPartition first = new TopicPartition(TOPIC, 0);
            listener.consumer.assign(List.of(first));
            listener.consumer.seekToBeginning(List.of(first));
        } else {
            listener.consumer.assign(partitions);
            listener.consumer.seekToEnd(partitions);
            partitions.forEach(listener.consumer::position); // resolve the end offsets now, not lazily at first poll
        }
        listener.thread.start();
        return listener;
    }

    /**
     * The topic's partitions. A broker that is slow to answer (a machine busy starting every service at once) is asked
     * again for up to {@link #METADATA_WAIT}: a service that gave up after one try would fail to start for nothing.
     */
    private List<PartitionInfo> partitions() {
        Instant deadline = Instant.now().plus(METADATA_WAIT);
        while (true) {
            try {
                return consumer.partitionsFor(TOPIC, Duration.ofSeconds(10));
            } catch (TimeoutException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                log.warn("No metadata of {} from Kafka within 10 s; asking again", TOPIC);
            }
        }
    }

    /**
     * The listener's consumer settings from the service's own (security and client settings kept): no group and
     * nothing committed, since every instance reads every change from where it started.
     */
    public static Map<String, Object> consumerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    ReceivedEvent event = parse(record);
                    if (event != null && firstDelivery(event)) {
                        handler.accept(event.payload(AgentChanged.parser()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private static @Nullable ReceivedEvent parse(ConsumerRecord<String, byte[]> record) {
        try {
            ReceivedEvent event = ReceivedEvent.from(record);
            event.payload(AgentChanged.parser()); // readable, or skipped here rather than failing the loop
            return event;
        } catch (IllegalArgumentException e) {
            log.warn("skipping an unreadable event at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
    }

    /**
     * Whether this instance sees {@code event} for the first time. When the database cannot say, the change is
     * handled anyway: dropping a cache entry twice costs a fetch, keeping a stale one serves an old config.
     */
    private boolean firstDelivery(ReceivedEvent event) {
        try {
            return processed.markProcessed(database, consumerName, event.id());
        } catch (RuntimeException e) {
            log.warn("could not record event {} as processed; handling it anyway: {}", event.id(), e.toString());
            return true;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(5));
        try {
            processed.forget(database, consumerName); // no later instance uses this name
        } catch (RuntimeException e) {
            log.debug("could not forget the events of {}", consumerName, e);
        }
    }
}
