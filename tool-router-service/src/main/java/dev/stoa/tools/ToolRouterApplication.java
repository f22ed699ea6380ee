package dev.stoa.tools;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** tool-router-service: tools of connected backends, agents' tool config and selection, tool calls. */
@SpringBootApplication
public class ToolRouterApplication {
    /** tool-router-service reads tool-router.yml (not application.yml), like every Stoa service. */
    public static final String CONFIG_NAME = "tool-router";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ToolRouterApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
