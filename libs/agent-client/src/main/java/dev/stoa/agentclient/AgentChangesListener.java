package dev.stoa.agentclient;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stoa.proto.events.v1.AgentChanged;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code stoa.agents.v1} and hands every {@link AgentChanged} to a handler (usually
 * {@link AgentRuntimeClient#onChanged}). Every instance of a caching service must see every change, so partitions are
 * assigned manually (no consumer group) from the end of the log: a fresh cache has nothing stale to drop.
 */
public final class AgentChangesListener implements AutoCloseable {
    public static final String TOPIC = "stoa.agents.v1";
    private static final Logger log = LoggerFactory.getLogger(AgentChangesListener.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<AgentChanged> handler;
    private final Thread thread;
    private volatile boolean running = true;

    private AgentChangesListener(String bootstrapServers, Consumer<AgentChanged> handler) {
        this.consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        this.handler = handler;
        this.thread = Thread.ofPlatform().daemon().name("stoa-agent-changes").unstarted(this::run);
    }

    /** Subscribes from now on; returns once the partitions are assigned, so later changes are never missed. */
    public static AgentChangesListener start(String bootstrapServers, Consumer<AgentChanged> handler) {
        AgentChangesListener listener = new AgentChangesListener(bootstrapServers, handler);
        List<TopicPartition> partitions = listener.consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
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

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    AgentChanged event = parse(record);
                    if (event != null) {
                        handler.accept(event);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private static @Nullable AgentChanged parse(ConsumerRecord<String, byte[]> record) {
        try {
            return AgentChanged.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            log.warn("skipping an unreadable event at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(Duration.ofSeconds(5));
    }
}
