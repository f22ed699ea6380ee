package dev.stoa.chat;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** chat-service: streaming turns of agents with the tool loop, conversations and their event logs. */
@SpringBootApplication
public class ChatApplication {
    /** chat-service reads chat.yml (not application.yml), like every Stoa service. */
    public static final String CONFIG_NAME = "chat";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ChatApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
