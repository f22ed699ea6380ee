package dev.stoa.identity;

import dev.stoa.common.auth.PublicEndpoints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** identity-service: users, orgs, members, sessions, API keys, SDK connections; the platform's token issuer. */
@SpringBootApplication
public class IdentityApplication {
    /** identity reads identity.yml (not application.yml) so it can share a JVM with other services. */
    public static final String CONFIG_NAME = "identity";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(IdentityApplication.class);
        app.setDefaultProperties(java.util.Map.of(
                "spring.config.name",
                CONFIG_NAME,
                // the one list of public endpoints, shared with the gateway (never restated in identity.yml)
                "stoa.security.public-paths",
                String.join(",", PublicEndpoints.IDENTITY)));
        app.run(args);
    }
}
