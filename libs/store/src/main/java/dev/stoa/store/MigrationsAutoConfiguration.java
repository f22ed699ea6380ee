package dev.stoa.store;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** Registers {@link ResilientMigrations}: Liquibase runs at start-up without crashing when PostgreSQL is away. */
@AutoConfiguration
@ConditionalOnClass(SpringLiquibase.class)
@ConditionalOnProperty(name = "stoa.store.resilient-migrations", havingValue = "true", matchIfMissing = true)
public class MigrationsAutoConfiguration {

    /** Static: a bean post-processor must exist before the beans it processes. */
    @Bean
    static ResilientMigrations migrationsHealthIndicator() {
        return new ResilientMigrations();
    }
}
