package dev.stoa.revocation;

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
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
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
 * Keeps a {@link RevocationRegistry} current: follows {@code stoa.sessions.v1} (binary-mode CloudEvents carrying
 * {@link CredentialRevoked}) so that a revocation is refused within seconds, and rebuilds the list from a
 * {@link RevocationSource} (identity's records) on start and whenever the broker lost data (an offset out of range:
 * the topic was recreated or its log is gone), so nothing depends on Kafka's retention. Every instance must see every
 * event, so partitions are assigned manually (no consumer group); on start it also replays the look-back window.
 * Kafka or identity being unreachable is logged and retried, never fatal.
 */
public final class RevocationListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFRESH_PARTITIONS = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers;
    private final String topic;
    private final Duration lookback;
    private final RevocationRegistry registry;
    private final @Nullable RevocationSource source;
    private final List<Consumer<CredentialRevoked>> hooks;
    private final Duration startupWait;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;
    private volatile boolean rebuildPending;
    private volatile @Nullable Instant lastRebuild;
    private volatile org.apache.kafka.clients.consumer.@Nullable Consumer<String, byte[]> consumer;
    private @Nullable Thread thread;

    /**
     * @param source identity's records, or null when this process has no way to read them (no service credential)
     * @param hooks also told of every revocation (the gateway evicts its cached credential exchanges)
     * @param startupWait how long {@link #start()} waits for the first rebuild before the process serves requests
     */
    public RevocationListener(
            Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers,
            String topic,
            Duration lookback,
            RevocationRegistry registry,
            @Nullable RevocationSource source,
            List<Consumer<CredentialRevoked>> hooks,
            Duration startupWait) {
        this.consumers = consumers;
        this.topic = topic;
        this.lookback = lookback;
        this.registry = registry;
        this.source = source;
        this.hooks = List.copyOf(hooks);
        this.startupWait = startupWait;
    }

    /**
     * The consumer settings of a listener from the service's own (e.g. Boot's {@code spring.kafka.*}, SASL included):
     * no group, nothing committed, and an offset out of range reported instead of silently reset.
     */
    public static Map<String, Object> consumerConfig(Map<String, Object> base, String clientIdPrefix) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // a Kafka outage should cost a warning now and then, not a log line a second
        config.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-revocations-" + UUID.randomUUID());
        return config;
    }

    /** Before the web and gRPC servers start (their phase is higher), so the first requests meet a rebuilt list. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    @Override
    public void start() {
        running = true;
        rebuildPending = source != null;
        if (source == null) {
            log.warn("no revocation source (service credential) configured: revocations come from {} only", topic);
        } else {
            Instant until = clock.instant().plus(startupWait);
            while (running && !rebuild() && clock.instant().isBefore(until)) {
                pause(RETRY);
            }
            if (rebuildPending) {
                log.warn("revocations not rebuilt from identity within {}; retrying in the background", startupWait);
            }
        }
        thread = Thread.ofPlatform().daemon().name("stoa-revocations").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        var current = consumer;
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

    /** When the list was last rebuilt from identity's records (null: not yet). */
    public @Nullable Instant lastRebuild() {
        return lastRebuild;
    }

    /** Reads identity's whole list into the registry; false (and retried later) when it cannot be read now. */
    boolean rebuild() {
        RevocationSource records = source;
        if (records == null) {
            return true;
        }
        try {
            int count = records.readAll(this::apply);
            rebuildPending = false;
            lastRebuild = clock.instant();
            log.info("revocation list rebuilt from identity: {} credential(s) still refused", count);
            return true;
        } catch (RuntimeException e) {
            log.debug("revocation list not rebuilt yet: {}", e.toString());
            return false;
        }
    }

    private void run() {
        var kafka = consumers.get();
        try {
            consumer = kafka;
            Set<TopicPartition> assigned = new HashSet<>();
            Instant nextRefresh = Instant.MIN;
            Instant nextRebuild = clock.instant().plus(RETRY);
            boolean warned = false;
            while (running) {
                try {
                    if (rebuildPending && clock.instant().isAfter(nextRebuild)) {
                        rebuild();
                        nextRebuild = clock.instant().plus(RETRY);
                    }
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
                } catch (InvalidOffsetException e) {
                    // The broker lost the log we were reading (recreated topic, wiped data directory): what it held
                    // may be gone, so read what remains from the start and the whole list from identity again.
                    log.warn("{} lost data ({}); rebuilding the revocation list from identity", topic, e.getMessage());
                    kafka.seekToBeginning(e.partitions());
                    rebuildPending = source != null;
                    nextRebuild = Instant.MIN;
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
    private void assign(
            org.apache.kafka.clients.consumer.Consumer<String, byte[]> kafka, Set<TopicPartition> assigned) {
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
        for (Consumer<CredentialRevoked> hook : hooks) {
            hook.accept(event);
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
