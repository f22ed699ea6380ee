package dev.stoa.workflow;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** workflow-service: versioned workflow DAGs and their durable runs (db-scheduler on the service's PostgreSQL). */
@SpringBootApplication
public class WorkflowApplication {
    /** workflow-service reads workflow.yml (not application.yml), like every Stoa service. */
    public static final String CONFIG_NAME = "workflow";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WorkflowApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
