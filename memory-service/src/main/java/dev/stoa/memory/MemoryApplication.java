package dev.stoa.memory;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** memory-service: facts extracted from completed turns, recalled for the next ones, with their history. */
@SpringBootApplication
public class MemoryApplication {
    /** memory-service reads memory.yml (not application.yml), like every Stoa service. */
    public static final String CONFIG_NAME = "memory";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(MemoryApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
