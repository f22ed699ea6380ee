package dev.stoa.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ObservabilityEnvironmentPostProcessorTest {
    private final ObservabilityEnvironmentPostProcessor processor = new ObservabilityEnvironmentPostProcessor();

    private MockEnvironment processed(MockEnvironment env) {
        processor.postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void jsonLogsAndProbeGroupsByDefault() {
        MockEnvironment env = processed(new MockEnvironment());
        assertThat(env.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(env.getProperty("management.endpoint.health.group.readiness.include"))
                .isEqualTo("readinessState,db,migrations");
        assertThat(env.getProperty("management.endpoint.health.group.liveness.include"))
                .isEqualTo("livenessState");
        assertThat(env.getProperty("management.endpoints.web.exposure.include")).contains("prometheus");
    }

    @Test
    void plainLogFormatKeepsBootsPattern() {
        MockEnvironment env = processed(new MockEnvironment().withProperty("stoa.log.format", "plain"));
        assertThat(env.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void otherStructuredFormatsAndExplicitSettingsWin() {
        assertThat(processed(new MockEnvironment().withProperty("stoa.log.format", "logstash"))
                        .getProperty("logging.structured.format.console"))
                .isEqualTo("logstash");
        MockEnvironment explicit = processed(new MockEnvironment()
                .withProperty("management.endpoints.web.exposure.include", "health")
                .withProperty("logging.structured.format.console", "gelf"));
        assertThat(explicit.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health");
        assertThat(explicit.getProperty("logging.structured.format.console")).isEqualTo("gelf");
    }
}
