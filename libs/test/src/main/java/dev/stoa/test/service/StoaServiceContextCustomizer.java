package dev.stoa.test.service;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.MutableClock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points a service at the JVM's embedded PostgreSQL and Kafka, serves its gRPC in-process, gives it a test secret key
 * ring and the test token issuer, makes a {@link MutableClock} its clock, and checks the tenant-table rule
 * ({@link RowLevelSecurityAssertions}) on its database once migrated. Equal for equal attributes, so test
 * classes of one service share a context.
 */
record StoaServiceContextCustomizer(String service, String database, boolean trustsTestIssuer)
        implements ContextCustomizer {
    /** A fixed 256-bit key: sealed test data stays readable across runs of the shared database. */
    static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    static final String CLOCK_BEAN = "stoaTestClock";

    /** Where the in-process gRPC server's name is; unique per context, as two contexts of a service may live. */
    static final String GRPC_NAME_PROPERTY = "spring.grpc.server.inprocess.name";

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.putAll(StoaPostgres.database(database).springProperties());
        properties.putAll(StoaKafka.springProperties());
        properties.put("spring.grpc.server.port", "0");
        properties.put(GRPC_NAME_PROPERTY, service + "-test-" + CONTEXTS.incrementAndGet());
        properties.put("stoa.secrets.keys.v1", SECRET_KEY);
        properties.put("stoa.secrets.active-version", "v1");
        if (trustsTestIssuer) {
            properties.put(
                    "stoa.security.issuer", PlatformIssuerExtension.issuer().issuer());
            properties.put("stoa.security.jwks-uri", PlatformIssuerExtension.jwksUri());
        }
        // Below the test's own properties (so a test can override these), above the service's configuration file.
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        MapPropertySource kit = new MapPropertySource("stoaServiceTest", properties);
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, kit);
        } else {
            sources.addFirst(kit);
        }
        // The tenant-table rule holds for every service on the kit, checked once its migrations have run: a service
        // whose tenant table lacks forced row-level security does not start in its tests.
        context.addApplicationListener((ContextRefreshedEvent refreshed) ->
                RowLevelSecurityAssertions.assertTenantTablesForced(StoaPostgres.database(database)));
        RootBeanDefinition clock = new RootBeanDefinition(MutableClock.class);
        clock.setPrimary(true);
        ((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition(CLOCK_BEAN, clock);
    }
}
