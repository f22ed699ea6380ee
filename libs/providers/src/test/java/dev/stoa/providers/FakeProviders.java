package dev.stoa.providers;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.fakeprovider.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test helpers: endpoints at the fake provider and fast settings. */
final class FakeProviders {
    private FakeProviders() {}

    /** Fast backoff; a fresh key per call gives each test its own cached provider and circuit breaker. */
    static ProviderSettings fast(int maxRetries) {
        return new ProviderSettings(
                Duration.ofSeconds(2),
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                maxRetries,
                Duration.ofMillis(5),
                new CircuitBreakerSettings(4, 4, 50f, Duration.ofMinutes(1)),
                OutboundPolicy.LOOPBACK); // the fake listens on loopback
    }

    static ProviderEndpoint endpoint(FakeProvider fake, ProviderKind kind) {
        return endpoint(fake, kind, "sk-" + UUID.randomUUID());
    }

    static ProviderEndpoint endpoint(FakeProvider fake, ProviderKind kind, String key) {
        String base = kind.openAiProtocol() ? fake.baseUrl() + "/v1" : fake.baseUrl();
        return new ProviderEndpoint(kind, base, key);
    }

    static ModelProvider provider(FakeProvider fake, ProviderKind kind) {
        return ProviderClients.create(endpoint(fake, kind), fast(2));
    }

    static List<ChatEvent> drain(ChatStream stream) {
        List<ChatEvent> events = new ArrayList<>();
        try (stream) {
            stream.forEach(events::add);
        }
        return events;
    }

    static String text(List<ChatEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream()
                .filter(ChatEvent.TextDelta.class::isInstance)
                .map(e -> ((ChatEvent.TextDelta) e).text())
                .forEach(text::append);
        return text.toString();
    }
}
