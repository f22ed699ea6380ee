package dev.stoa.gateway.auth;

import dev.stoa.proto.events.v1.CredentialRevoked;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows {@code stoa.sessions.v1} (binary-mode CloudEvents carrying {@link CredentialRevoked}) so that a revoked
 * credential is refused within seconds. Every gateway instance must see every event, so partitions are assigned
 * manually (no consumer group); on start it replays the look-back window, the longest life of a token. Kafka
 * being unreachable is logged and retried, never fatal.
 */
public final class RevocationListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFRESH_PARTITIONS = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final Duration lookback;
    private final RevocationRegistry registry;
    private final CredentialExchanger exchanger;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;
    private volatile @Nullable Consumer<String, byte[]> consumer;
    private @Nullable Thread thread;

    public RevocationListener(
            Supplier<Consumer<String, byte[]>> consumers,
            String topic,
            Duration lookback,
            RevocationRegistry registry,
            CredentialExchanger exchanger) {
        this.consumers = consumers;
        this.topic = topic;
        this.lookback = lookback;
        this.registry = registry;
        this.exchanger = exchanger;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("stoa-revocations").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread worker = thread;
        if (worker == null) {
            return;
        }
        worker.interrupt();
        try {
            worker.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Consumer<String, byte[]> kafka = consumers.get();
        try {
            consumer = kafka;
            Set<TopicPartition> assigned = new HashSet<>();
            Instant nextRefresh = Instant.MIN;
            boolean warned = false;
            while (running) {
                try {
                    if (clock.instant().isAfter(nextRefresh)) {
                        assign(kafka, assigned);
                        nextRefresh = clock.instant().plus(assigned.isEmpty() ? RETRY : REFRESH_PARTITIONS);
                    }
                    if (assigned.isEmpty()) {
                        pause(RETRY);
                        continue;
                    }
                    kafka.poll(POLL).forEach(this::handle);
                    warned = false;
                } catch (WakeupException e) {
                    // stop() asked us to leave the poll
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    if (!warned) {
                        log.warn("revocation events unavailable ({}); retrying", e.toString());
                        warned = true;
                    }
                    pause(RETRY);
                }
            }
        } finally {
            consumer = null;
            // nothing to commit (no group), so do not wait long for a broker that may be gone
            kafka.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }

    /** Assigns any partition not yet followed, starting it at the beginning of the look-back window. */
    private void assign(Consumer<String, byte[]> kafka, Set<TopicPartition> assigned) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, METADATA_TIMEOUT);
        Set<TopicPartition> fresh = infos == null
                ? Set.of()
                : infos.stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .filter(tp -> !assigned.contains(tp))
                        .collect(Collectors.toSet());
        if (fresh.isEmpty()) {
            if (assigned.isEmpty()) {
                log.debug("topic {} has no partitions yet", topic);
            }
            return;
        }
        Set<TopicPartition> all = new HashSet<>(assigned);
        all.addAll(fresh);
        kafka.assign(all);
        // end offsets first: whatever arrives after this query lies beyond them, so nothing falls in between
        Map<TopicPartition, Long> ends = kafka.endOffsets(fresh, METADATA_TIMEOUT);
        long since = clock.instant().minus(lookback).toEpochMilli();
        Map<TopicPartition, Long> query = new HashMap<>();
        fresh.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = kafka.offsetsForTimes(query, METADATA_TIMEOUT);
        for (TopicPartition tp : fresh) {
            OffsetAndTimestamp start = starts.get(tp);
            kafka.seek(tp, start != null ? start.offset() : ends.getOrDefault(tp, 0L));
        }
        assigned.addAll(fresh);
        log.info("following {} partition(s) of {} from {} back", assigned.size(), topic, lookback);
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type != null
                && !new String(type.value(), StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT)
                        .contains("revoked")) {
            return;
        }
        CredentialRevoked event;
        try {
            event = CredentialRevoked.parseFrom(record.value());
        } catch (Exception e) {
            log.warn("unreadable revocation event at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        apply(event);
    }

    void apply(CredentialRevoked event) {
        Instant forgetAfter = event.hasForgetAfter()
                ? Instant.ofEpochSecond(
                        event.getForgetAfter().getSeconds(),
                        event.getForgetAfter().getNanos())
                : clock.instant().plus(lookback);
        registry.revoke(event.getSessionId(), forgetAfter);
        if (!event.getCredentialHash().isEmpty()) {
            exchanger.evict(event.getCredentialHash());
        }
        log.debug("revoked {} {}", event.getKind(), event.getSessionId());
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            running = false;
        }
    }
}
