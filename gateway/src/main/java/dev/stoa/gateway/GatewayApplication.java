package dev.stoa.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the gateway service. */
@SpringBootApplication
public class GatewayApplication {
    /** Its configuration file is {@code gateway.yml}, so it can share a JVM with a service's application.yml. */
    public static final String CONFIG_NAME = "gateway";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
