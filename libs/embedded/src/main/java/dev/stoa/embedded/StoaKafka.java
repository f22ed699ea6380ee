package dev.stoa.embedded;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;

/**
 * One Kafka broker per JVM: an in-JVM KRaft broker, or another one an {@link ExternalServers} provider offers (the
 * test kit's {@code apache/kafka} container when Docker is available). Topics are auto-created on first use, one
 * partition each.
 */
public final class StoaKafka implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static volatile @Nullable StoaKafka shared;

    private final Broker broker;

    private StoaKafka(Broker broker) {
        this.broker = broker;
    }

    /** The JVM-wide broker, started on first use. */
    public static StoaKafka instance() {
        StoaKafka current = shared;
        if (current == null) {
            synchronized (LOCK) {
                current = shared;
                if (current == null) {
                    Broker external = ExternalServers.kafka();
                    current = new StoaKafka(external != null ? external : embedded());
                    shared = current;
                    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(current::close));
                }
            }
        }
        return current;
    }

    /** Bootstrap servers of the JVM-wide broker. */
    public static String bootstrapServers() {
        return instance().brokers();
    }

    /** {@code spring.kafka.bootstrap-servers} of the JVM-wide broker. */
    public static Map<String, String> springProperties() {
        return Map.of("spring.kafka.bootstrap-servers", bootstrapServers());
    }

    /** Creates topics on the JVM-wide broker; topics that already exist are left alone. */
    public static void createTopics(String... names) {
        instance().create(names);
    }

    /**
     * A separate in-JVM broker on 127.0.0.1:{@code port} (0 for any free port) whose data lives in a temporary
     * directory that {@link #close()} deletes. Used by tests that stop and start Kafka.
     */
    public static StoaKafka start(int port) {
        return new StoaKafka(KraftServer.start(KraftServer.tempDir(), port, true));
    }

    /**
     * A broker on 127.0.0.1:{@code port} whose topics and offsets survive restarts in {@code dataDir} (the
     * launcher's embedded default). Call {@link #close()} to stop it.
     */
    public static StoaKafka startPersistent(Path dataDir, int port) {
        return new StoaKafka(KraftServer.start(dataDir, port, false));
    }

    /** Bootstrap servers of this broker. */
    public String brokers() {
        return broker.bootstrapServers();
    }

    /** Creates topics on this broker; topics that already exist are left alone. */
    public void create(String... names) {
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, 1, (short) 1))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers()))) {
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic", e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    @Override
    public void close() {
        try {
            broker.stopper().close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop Kafka", e);
        }
    }

    private static Broker embedded() {
        return KraftServer.start(KraftServer.tempDir(), 0, true);
    }

    /** Where the broker is and how to stop it. */
    public record Broker(String bootstrapServers, AutoCloseable stopper) {}
}
