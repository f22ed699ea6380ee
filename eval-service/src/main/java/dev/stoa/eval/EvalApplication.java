package dev.stoa.eval;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** eval-service: versioned datasets of cases, scorers, eval runs of agent versions and their comparison. */
@SpringBootApplication
public class EvalApplication {
    /** eval-service reads eval.yml (not application.yml), like every Stoa service. */
    public static final String CONFIG_NAME = "eval";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(EvalApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
