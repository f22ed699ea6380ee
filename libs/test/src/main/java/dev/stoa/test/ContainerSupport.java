package dev.stoa.test;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Every use of Testcontainers lives here so that the class is only loaded when a Docker engine is present. */
final class ContainerSupport {
    private ContainerSupport() {}

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static StoaPostgres.Server startPostgres() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=300");
        container.start();
        return new StoaPostgres.Server(
                container.getHost(),
                container.getMappedPort(5432),
                container.getUsername(),
                container.getPassword(),
                container::stop);
    }

    static StoaKafka.Broker startKafka() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", "1");
        container.start();
        return new StoaKafka.Broker(container.getBootstrapServers(), container::stop);
    }
}
