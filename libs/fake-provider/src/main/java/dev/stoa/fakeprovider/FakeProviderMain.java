package dev.stoa.fakeprovider;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** Runs the fake provider standalone (for benchmarks): {@code --port N --ttft-ms N --token-delay-ms N --api-key K}. */
public final class FakeProviderMain {
    private FakeProviderMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 0;
        long ttftMs = 0;
        long tokenDelayMs = 0;
        String apiKey = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--ttft-ms" -> ttftMs = Long.parseLong(value);
                case "--token-delay-ms" -> tokenDelayMs = Long.parseLong(value);
                case "--api-key" -> apiKey = value;
                default -> {
                    System.err.println("usage: FakeProviderMain [--port N] [--ttft-ms N] [--token-delay-ms N]"
                            + " [--api-key KEY]");
                    System.exit(2);
                }
            }
            i++;
        }
        FakeProvider fake = FakeProvider.start(port)
                .timeToFirstToken(Duration.ofMillis(ttftMs))
                .interTokenDelay(Duration.ofMillis(tokenDelayMs))
                .requireApiKey(apiKey)
                .recordRequests(false)
                .script(Reply.text("The quick brown fox jumps over the lazy dog."));
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(fake::close));
        System.out.println("fake provider listening on " + fake.baseUrl());
        new CountDownLatch(1).await();
    }
}
