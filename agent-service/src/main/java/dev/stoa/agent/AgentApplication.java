package dev.stoa.agent;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** agent-service: agents, versions, prompts, schemas, BYOK providers, tiers and the model catalog. */
@SpringBootApplication
public class AgentApplication {
    /** agent-service reads agent.yml (not application.yml), like every Stoa service. */
    public static final String CONFIG_NAME = "agent";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(AgentApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
