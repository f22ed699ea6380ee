package dev.stoa.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What every service gets from {@code stoa-observability}, beyond the property defaults of {@link
 * ObservabilityEnvironmentPostProcessor}: an {@code application} tag on every meter, a {@code kafka} health indicator
 * (Boot has none), and trace/request ids in the MDC of servlet requests. Boot itself binds JVM, HTTP server, HikariCP,
 * Kafka client (its producer and consumer factories) and gRPC (observations) meters once the Prometheus registry is
 * on the classpath.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class StoaObservabilityAutoConfiguration {

    @Bean
    MeterRegistryCustomizer<MeterRegistry> stoaApplicationTag(
            @Value("${spring.application.name:application}") String application) {
        return registry -> registry.config().commonTags("application", application);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({KafkaAdmin.class, org.apache.kafka.clients.admin.AdminClient.class})
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnEnabledHealthIndicator("kafka")
    static class KafkaHealthConfiguration {
        @Bean(name = "kafkaHealthIndicator")
        @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
        KafkaHealthIndicator kafkaHealthIndicator(
                KafkaAdmin admin, @Value("${stoa.health.kafka.timeout:2s}") String timeout) {
            return new KafkaHealthIndicator(admin.getConfigurationProperties(), DurationStyle.detectAndParse(timeout));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    static class ServletMdcConfiguration {
        @Bean
        FilterRegistrationBean<TraceMdcFilter> stoaTraceMdcFilter() {
            FilterRegistrationBean<TraceMdcFilter> registration = new FilterRegistrationBean<>(new TraceMdcFilter());
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
