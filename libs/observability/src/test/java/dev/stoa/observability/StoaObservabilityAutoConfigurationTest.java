package dev.stoa.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class StoaObservabilityAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(KafkaAutoConfiguration.class, StoaObservabilityAutoConfiguration.class));

    @Test
    void kafkaHealthIndicatorWhenKafkaIsConfigured() {
        runner.run(context -> assertThat(context).hasSingleBean(KafkaHealthIndicator.class));
    }

    @Test
    void noKafkaHealthIndicatorWithoutKafka() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StoaObservabilityAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaHealthIndicator.class));
    }

    @Test
    void traceMdcFilterOnServletAppsOnly() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StoaObservabilityAutoConfiguration.class))
                .run(context -> assertThat(context).hasBean("stoaTraceMdcFilter"));
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(StoaObservabilityAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("stoaTraceMdcFilter"));
    }

    @Test
    void kafkaHealthIndicatorCanBeDisabled() {
        runner.withPropertyValues("management.health.kafka.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(KafkaHealthIndicator.class));
    }
}
