package dev.stoa.store;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link ResilientMigrations}: Liquibase runs at start-up without crashing when PostgreSQL is away. Keeps
 * Liquibase eager when everything else is lazy (migrate mode, {@link MigrateMode}).
 */
@AutoConfiguration
@ConditionalOnClass(SpringLiquibase.class)
public class MigrationsAutoConfiguration {

    /** Static: a bean post-processor must exist before the beans it processes. */
    @Bean
    @ConditionalOnProperty(name = "stoa.store.resilient-migrations", havingValue = "true", matchIfMissing = true)
    static ResilientMigrations migrationsHealthIndicator() {
        return new ResilientMigrations();
    }

    @Bean
    static LazyInitializationExcludeFilter eagerMigrations() {
        return LazyInitializationExcludeFilter.forBeanTypes(SpringLiquibase.class);
    }
}
