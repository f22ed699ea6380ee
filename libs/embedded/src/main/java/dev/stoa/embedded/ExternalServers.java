package dev.stoa.embedded;

import java.util.ServiceLoader;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Another source than the embedded servers for the JVM-wide PostgreSQL and Kafka, found with {@link ServiceLoader}:
 * the test kit offers Testcontainers when a Docker engine is present, so that this module (which the launcher ships)
 * needs no Testcontainers. A provider answers null to leave a server embedded.
 */
public interface ExternalServers {

    /** A started PostgreSQL 17 whose superuser may create databases and roles, or null. */
    StoaPostgres.@Nullable Server startPostgres();

    /** A started Kafka broker that auto-creates topics, or null. */
    StoaKafka.@Nullable Broker startKafka();

    /** The first provider's PostgreSQL, or null when no provider offers one. */
    static StoaPostgres.@Nullable Server postgres() {
        return first(ExternalServers::startPostgres);
    }

    /** The first provider's Kafka, or null when no provider offers one. */
    static StoaKafka.@Nullable Broker kafka() {
        return first(ExternalServers::startKafka);
    }

    private static <T> @Nullable T first(Function<ExternalServers, @Nullable T> start) {
        for (ExternalServers provider : ServiceLoader.load(ExternalServers.class)) {
            T server = start.apply(provider);
            if (server != null) {
                return server;
            }
        }
        return null;
    }
}
