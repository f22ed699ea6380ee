package dev.stoa.memory;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.test.TestHttp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Scripts the fake provider as an extraction model: the test answers each extraction request from the turn's user
 * message and the existing facts memory showed (fact text to id), by returning the JSON answer (or any text).
 */
final class Extractor {
    private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

    private Extractor() {}

    static Extractor on(FakeProvider fake, BiFunction<String, Map<String, String>, @Nullable String> answer) {
        Extractor extractor = new Extractor();
        fake.respondTo(body -> {
            JsonNode input = null;
            for (JsonNode message : body.path("messages")) {
                if ("user".equals(message.path("role").asString())) {
                    input = TestHttp.JSON.readTree(message.path("content").asString());
                }
            }
            if (input == null || !input.has("existing_facts")) {
                return null;
            }
            Map<String, String> existing = new LinkedHashMap<>();
            for (JsonNode fact : input.path("existing_facts")) {
                existing.put(fact.path("text").asString(), fact.path("id").asString());
            }
            String userMessage = input.path("user_message").asString();
            extractor
                    .calls
                    .computeIfAbsent(userMessage, k -> new AtomicInteger())
                    .incrementAndGet();
            String text = answer.apply(userMessage, existing);
            return text == null ? null : Reply.text(text).withUsage(1_000, 200);
        });
        return extractor;
    }

    /** How many extraction requests carried this user message. */
    int calls(String userMessage) {
        AtomicInteger n = calls.get(userMessage);
        return n == null ? 0 : n.get();
    }

    /** {@code {"facts": [...]}}. */
    static String facts(String... facts) {
        return "{\"facts\":[" + String.join(",", List.of(facts)) + "]}";
    }

    static String add(String subject, String predicate, String object, String text, String category) {
        return fact(subject, predicate, object, text, category, "add", null);
    }

    static String fact(
            String subject,
            String predicate,
            String object,
            String text,
            String category,
            String action,
            @Nullable String existingId) {
        return TestHttp.JSON
                .writeValueAsString(new LinkedHashMap<String, @Nullable Object>(Map.of(
                        "subject", subject,
                        "predicate", predicate,
                        "object", object,
                        "text", text,
                        "category", category,
                        "confidence", 0.9,
                        "action", action))) // existing_fact_id added below (Map.of takes no null)
                .replaceFirst(
                        "}$",
                        ",\"existing_fact_id\":" + (existingId == null ? "null" : "\"" + existingId + "\"") + "}");
    }
}
