package dev.stoa.launcher;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./stoa up}: starts the embedded default (PostgreSQL, Kafka, identity-service, agent-service, tool-router-service, chat-service,
 * monitoring-service, gateway) and prints the
 * gateway URL. Ctrl-C stops everything; data stays in {@code STOA_HOME} (default {@code .stoa/}).
 */
public final class StoaLauncher {
    private StoaLauncher() {}

    public static void main(String[] args) throws Exception {
        System.setProperty(
                "org.slf4j.simpleLogger.defaultLogLevel", System.getenv().getOrDefault("STOA_LOG_LEVEL", "warn"));
        // The launcher's own messages (a service restarted, ready again) are for the person who ran ./stoa up.
        System.setProperty(
                "org.slf4j.simpleLogger.log.dev.stoa", System.getenv().getOrDefault("STOA_LOG_LEVEL", "info"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        Instant started = Instant.now();
        LaunchConfig config = LaunchConfig.fromEnvironment(System.getenv());
        System.out.println("Starting Stoa (data in " + config.home() + ", logs in "
                + config.home().resolve("logs") + ") ...");
        EmbeddedPlatform platform = EmbeddedPlatform.start(config);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            System.out.println("Stopping Stoa ...");
            platform.close();
        }));
        long seconds = Duration.between(started, Instant.now()).toMillis() / 100;
        System.out.printf("%nStoa is ready in %.1f s: %s%n", seconds / 10.0, platform.gatewayUrl());
        System.out.println(
                "  API docs: " + platform.gatewayUrl() + "/docs   health: " + platform.gatewayUrl() + "/health");
        System.out.println("Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }
}
