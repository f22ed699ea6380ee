package dev.stoa.monitoring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** monitoring-service: tool-call logs and stats, the cost ledger and the audit log, from the platform's events. */
@SpringBootApplication
public class MonitoringApplication {
    /** monitoring-service reads monitoring.yml (not application.yml), like every Stoa service. */
    public static final String CONFIG_NAME = "monitoring";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(MonitoringApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
