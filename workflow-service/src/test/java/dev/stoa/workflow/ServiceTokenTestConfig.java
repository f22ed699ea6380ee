package dev.stoa.workflow;

import dev.stoa.grpc.client.ServiceTokenProvider;
import dev.stoa.test.Principals;
import dev.stoa.test.service.PlatformIssuerExtension;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** workflow's service token in tests: minted by the test issuer (in production, identity-service issues it). */
@TestConfiguration(proxyBeanMethods = false)
class ServiceTokenTestConfig {
    private static final String TOKEN =
            PlatformIssuerExtension.issuer().issue(Principals.service("workflow"), Duration.ofHours(2));

    @Bean
    ServiceTokenProvider serviceTokenProvider() {
        return () -> TOKEN;
    }
}
