package dev.stoa.store;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the Liquibase migrations without letting an unreachable PostgreSQL crash the service: Boot would run them
 * while creating the context and fail the start, so the pod would restart in a loop. Here they run once the context
 * is ready, before the web and gRPC servers open; when the database cannot be reached the service starts anyway,
 * reports not-ready through this health indicator (named {@code migrations}, part of the readiness group) and keeps
 * retrying until the database returns. A migration that fails for any other reason still stops the start.
 */
public final class ResilientMigrations implements BeanPostProcessor, SmartLifecycle, HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(ResilientMigrations.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final List<SpringLiquibase> pending = new ArrayList<>();
    private volatile boolean done;
    private volatile boolean running;
    private volatile String lastProblem = "";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof SpringLiquibase liquibase) {
            liquibase.setShouldRun(false); // run in start(), not while the context is being built
            pending.add(liquibase);
        }
        return bean;
    }

    @Override
    public void start() {
        running = true;
        if (migrate()) {
            return;
        }
        Thread.ofVirtual().name("stoa-migrations").start(() -> {
            Duration backoff = Duration.ofSeconds(1);
            while (running && !migrate()) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        });
    }

    /** True when every changelog is applied; false when the database is unreachable (try again later). */
    private synchronized boolean migrate() {
        while (!pending.isEmpty()) {
            SpringLiquibase liquibase = pending.getFirst();
            try {
                liquibase.setShouldRun(true);
                liquibase.afterPropertiesSet();
                pending.removeFirst();
            } catch (LiquibaseException | RuntimeException e) {
                if (!unreachable(e)) {
                    throw new IllegalStateException("database migration failed", e);
                }
                if (!lastProblem.equals(e.getClass().getName())) {
                    log.warn(
                            "database unreachable, migrations wait and the service reports not-ready: {}",
                            rootMessage(e));
                }
                lastProblem = e.getClass().getName();
                return false;
            }
        }
        if (!done) {
            done = true;
            if (!lastProblem.isEmpty()) {
                log.info("database reachable again: migrations applied, the service is ready");
            }
        }
        return true;
    }

    /** Connection refused or a PostgreSQL connection-class error (SQLSTATE 08xxx): an outage, not a bad migration. */
    static boolean unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public Health health() {
        return done
                ? Health.up().build()
                : Health.down().withDetail("pending", "database unreachable").build();
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web and gRPC servers and the outbox relay start. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
