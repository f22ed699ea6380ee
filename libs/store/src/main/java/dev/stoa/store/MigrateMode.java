package dev.stoa.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.SpringProperties;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * The two ways a service jar runs against its database, for every service that depends on stoa-store.
 *
 * <p><b>Migrate mode</b> ({@code --stoa.mode=migrate} or {@code STOA_MODE=migrate}): a one-shot step that applies the
 * Liquibase changelog with the owner role ({@code STOA_DB_OWNER_USERNAME}/{@code STOA_DB_OWNER_PASSWORD}, or
 * {@code spring.liquibase.user}/{@code password}) and exits 0 once the context is refreshed, starting no web server,
 * gRPC server, Kafka client or other lifecycle bean ({@code spring.context.exit=onRefresh}); a failed migration exits
 * non-zero. A compose one-shot service, a Helm hook Job or an init container runs it.
 *
 * <p><b>Normal mode</b>: the service connects with the app role only and does not migrate, unless
 * {@code stoa.store.migrate-on-start} says so; it defaults to true only when owner credentials were handed to the
 * process (the embedded default and the test kit, where one process does both).
 */
public final class MigrateMode implements EnvironmentPostProcessor, Ordered {
    static final String MODE = "stoa.mode";
    static final String MIGRATE_ON_START = "stoa.store.migrate-on-start";

    @Override
    public int getOrder() {
        // after the application's own files and the command line are in the environment
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new LinkedHashMap<>();
        String ownerUser = environment.getProperty("STOA_DB_OWNER_USERNAME");
        if (ownerUser != null && !ownerUser.isBlank()) {
            properties.put("spring.liquibase.user", ownerUser);
            properties.put("spring.liquibase.password", environment.getProperty("STOA_DB_OWNER_PASSWORD", ""));
        }
        if ("migrate".equalsIgnoreCase(environment.getProperty(MODE, "").trim())) {
            if (!hasOwner(environment) && properties.isEmpty()) {
                throw new IllegalStateException("migrate mode needs the owner role: set STOA_DB_OWNER_USERNAME and "
                        + "STOA_DB_OWNER_PASSWORD (or spring.liquibase.user and spring.liquibase.password)");
            }
            properties.put("spring.liquibase.enabled", true);
            if (environment.getProperty("spring.datasource.username") == null) {
                // the one-shot step holds only the owner's credentials; nothing else connects but the migration
                properties.put("spring.datasource.username", "${spring.liquibase.user}");
                properties.put("spring.datasource.password", "${spring.liquibase.password:}");
            }
            // migrate while the context is built, so a failure fails the start (and the exit code)
            properties.put("stoa.store.resilient-migrations", false);
            properties.put("spring.main.web-application-type", "none");
            // Only what the migration needs is created (MigrationsAutoConfiguration keeps Liquibase eager), so the
            // step needs none of the service's runtime settings (mail, keys, brokers) and opens no client.
            properties.put("spring.main.lazy-initialization", true);
            properties.put("spring.grpc.server.enabled", false);
            properties.put("stoa.revocation.enabled", false);
            // Spring's own "stop once refreshed" switch: no lifecycle bean (servers, relays, consumers) is started.
            SpringProperties.setProperty("spring.context.exit", "onRefresh");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("stoaMigrateMode", properties));
        // Last, so an explicit spring.liquibase.enabled wins; asked when Boot's Liquibase configuration is evaluated,
        // after test and launcher properties (e.g. @DynamicPropertySource) have joined the environment.
        environment.getPropertySources().addLast(new MigrationSwitch(environment));
    }

    private static boolean hasOwner(PropertyResolver environment) {
        String user = environment.getProperty("spring.liquibase.user");
        return user != null && !user.isBlank();
    }

    /** {@code spring.liquibase.enabled} in normal mode: {@code stoa.store.migrate-on-start}, by default owner given. */
    private static final class MigrationSwitch extends PropertySource<Object> {
        // Not the source: Boot flattens property sources whose source is an environment, which would loop.
        private final PropertyResolver environment;

        MigrationSwitch(PropertyResolver environment) {
            super("stoaMigrationSwitch", new Object());
            this.environment = environment;
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (!"spring.liquibase.enabled".equals(name)) {
                return null;
            }
            return String.valueOf(environment.getProperty(MIGRATE_ON_START, Boolean.class, hasOwner(environment)));
        }
    }
}
