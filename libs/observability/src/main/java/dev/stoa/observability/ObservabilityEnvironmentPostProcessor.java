package dev.stoa.observability;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Observability defaults, added with the lowest precedence so that every service's own configuration, the
 * environment and the command line win:
 *
 * <ul>
 *   <li>{@code /actuator/health}, {@code /actuator/info} and {@code /actuator/prometheus} are exposed;
 *   <li>probes: liveness = {@code livenessState}; readiness = {@code readinessState}, {@code db} and {@code migrations}
 *       (those a service lacks are skipped, so group membership is not validated). Not {@code kafka}: events go through
 *       the transactional outbox and consumers resume from their offsets, so a Kafka outage degrades event delivery
 *       but must not take the request path out of rotation. Kafka's state stays in {@code /actuator/health} (and
 *       the relay's metrics) for alerting;
 *   <li>HTTP server latencies are published as histograms (for {@code histogram_quantile} in Grafana);
 *   <li>console logs are structured JSON (Elastic Common Schema) unless {@code STOA_LOG_FORMAT} (property {@code
 *       stoa.log.format}) is {@code plain}, or is another structured format Boot knows ({@code logstash}, {@code
 *       gelf}), or {@code logging.structured.format.console} is set explicitly.
 * </ul>
 */
public final class ObservabilityEnvironmentPostProcessor implements EnvironmentPostProcessor {
    public static final String SOURCE_NAME = "stoaObservabilityDefaults";
    public static final String LOG_FORMAT_PROPERTY = "stoa.log.format";
    static final String DEFAULT_LOG_FORMAT = "ecs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.validate-group-membership", "false");
        defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
        defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db,migrations");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        defaults.put("management.metrics.distribution.percentiles-histogram.grpc.server", "true");
        String format = logFormat(environment);
        if (format != null) {
            defaults.put("logging.structured.format.console", format);
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }

    /** The structured console format to apply, or null for Boot's human-readable pattern. */
    static @Nullable String logFormat(ConfigurableEnvironment environment) {
        if (environment.containsProperty("logging.structured.format.console")) {
            return null; // explicitly configured: leave it alone
        }
        String requested = environment.getProperty(LOG_FORMAT_PROPERTY, DEFAULT_LOG_FORMAT);
        String format = requested.trim().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "plain", "text", "" -> null;
            case "json" -> DEFAULT_LOG_FORMAT;
            default -> format;
        };
    }
}
