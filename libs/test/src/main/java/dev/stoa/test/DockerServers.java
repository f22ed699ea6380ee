package dev.stoa.test;

import dev.stoa.embedded.ExternalServers;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import org.jspecify.annotations.Nullable;

/** Testcontainers for the JVM-wide PostgreSQL and Kafka of the tests when a Docker engine is present. */
public final class DockerServers implements ExternalServers {

    @Override
    public StoaPostgres.@Nullable Server startPostgres() {
        return Docker.available() ? ContainerSupport.startPostgres() : null;
    }

    @Override
    public StoaKafka.@Nullable Broker startKafka() {
        return Docker.available() ? ContainerSupport.startKafka() : null;
    }
}
