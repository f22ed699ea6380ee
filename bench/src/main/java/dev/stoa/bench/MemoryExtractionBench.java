package dev.stoa.bench;

import dev.stoa.common.id.Ids;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.proto.events.v1.TurnFinished;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Extraction throughput (issue 13): the embedded default as {@code ./stoa up} starts it, an agent on a fake provider
 * that answers memory-service's extraction requests at once with two new facts, and completed turns published straight
 * to {@code stoa.turns.v1} (as chat-service's relay would), so memory-service alone sets the pace. Each extraction
 * embeds the user's message and the answer, searches the scope, calls the model over HTTP, parses its JSON, embeds the
 * two facts and commits them with the spend event. Measured: turns extracted per second while a backlog is drained.
 *
 * <p>System properties: {@code bench.root}, {@code bench.output}, {@code bench.turns} (500), {@code bench.users} (50).
 */
public final class MemoryExtractionBench {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String EXTRACTOR = "You extract long-term memory facts";

    public static void main(String[] args) throws Exception {
        Path root =
                Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        int turns = Integer.getInteger("bench.turns", 500);
        int users = Integer.getInteger("bench.users", 50);
        Path work = root.resolve("bench/target/run-memory-extraction");
        Files.createDirectories(work);
        Path output = Path.of(
                System.getProperty("bench.output", work.resolve("results.md").toString()));

        try (FakeProvider fake = FakeProvider.start()
                        .recordRequests(false)
                        .script(Reply.text("Noted."))
                        .respondTo(MemoryExtractionBench::extract);
                ChatBenchPlatform platform = ChatBenchPlatform.start(root, work)) {
            log("platform ready in " + platform.readySeconds + " s at " + platform.gateway);
            String token = ChatBench.register(platform.gateway);
            JsonNode me = get(platform.gateway + "/api/v1/auth/me", token);
            String org = me.path("org").path("id").asString();
            String provider = ChatBench.field(
                    ChatBench.post(
                            platform.gateway + "/api/v1/providers",
                            "{\"name\":\"fake\",\"kind\":\"openai_compatible\",\"base_url\":\"" + fake.baseUrl()
                                    + "/v1\",\"api_key\":\"sk-bench\"}",
                            token),
                    "id");
            String agent = ChatBench.field(
                    ChatBench.post(
                            platform.gateway + "/api/v1/agents",
                            "{\"name\":\"Memory\",\"model\":{\"provider_id\":\"" + provider
                                    + "\",\"model\":\"fake-model\"}}",
                            token),
                    "id");
            Matcher kafka = Pattern.compile("Kafka ready after .* at (\\S+)")
                    .matcher(Files.readString(work.resolve("launcher.log")));
            if (!kafka.find()) {
                throw new IllegalStateException("no broker address in " + work.resolve("launcher.log"));
            }
            String stats = platform.gateway + "/api/v1/agents/" + agent + "/memory/stats";
            try (var producer = new KafkaProducer<String, byte[]>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.group(1), ProducerConfig.LINGER_MS_CONFIG, 5),
                    new StringSerializer(),
                    new ByteArraySerializer())) {
                log("warming up: 50 turns");
                publish(producer, org, agent, 0, 50, users);
                long base = await(stats, token, 50, Duration.ofMinutes(3));

                log("backlog: " + turns + " turns published at once");
                long began = System.nanoTime();
                publish(producer, org, agent, 50, turns, users);
                long done = await(stats, token, base + turns, Duration.ofMinutes(10));
                double seconds = (System.nanoTime() - began) / 1e9;
                JsonNode counts = get(stats, token);
                String table = String.join(
                        "\n",
                        "Run " + Instant.now().toString().substring(0, 16) + "Z: " + turns + " completed turns of "
                                + users + " users published at once to stoa.turns.v1 after 50 warm-up turns; the"
                                + " fake provider answers each extraction at once with two new facts; platform ready in "
                                + platform.readySeconds + " s.",
                        "",
                        "| turns extracted | time | throughput | per turn | current facts |",
                        "|---:|---:|---:|---:|---:|",
                        String.format(
                                Locale.ROOT,
                                "| %d | %.1f s | %.1f turns/s | %.1f ms | %d |",
                                done - base,
                                seconds,
                                (done - base) / seconds,
                                seconds * 1000 / (done - base),
                                counts.path("current_facts").asLong()),
                        "");
                Files.writeString(output, table);
                log("\n" + table);
            }
        }
    }

    private static void publish(
            KafkaProducer<String, byte[]> producer, String org, String agent, int from, int count, int users)
            throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        com.google.protobuf.Timestamp at = com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(now.toEpochSecond())
                .build();
        for (int i = from; i < from + count; i++) {
            String turn = Ids.generate("trn");
            TurnFinished finished = TurnFinished.newBuilder()
                    .setOrgId(org)
                    .setAgentId(agent)
                    .setAgentVersion(1)
                    .setConversationId(Ids.generate("cnv"))
                    .setTurnId(turn)
                    .setUserId("ext:user-" + (i % users))
                    .setProviderId("prv_bench")
                    .setModel("fake-model")
                    .setOutcome("completed")
                    .setKind("chat")
                    .setStartedAt(at)
                    .setFinishedAt(at)
                    .setUserMessage("I moved to city number " + i + " and my favourite number is " + (i * 7) + ".")
                    .setAssistantMessage("Noted.")
                    .build();
            var event = CloudEventBuilder.v1()
                    .withId(turn)
                    .withType("dev.stoa.chat.turn.completed")
                    .withSource(URI.create("/stoa/chat-service"))
                    .withTime(now)
                    .withDataContentType("application/protobuf")
                    .withData(finished.toByteArray())
                    .build();
            producer.send(KafkaMessageFactory.<String>createWriter("stoa.turns.v1", org)
                    .writeBinary(event));
        }
        producer.flush();
    }

    /** Waits until memory's stats count {@code extracted} turns; returns the count. */
    private static long await(String stats, String token, long extracted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            JsonNode counts = get(stats, token);
            seen = counts.path("extractions_ok").asLong();
            if (counts.path("extractions_dead_lettered").asLong() > 0) {
                throw new IllegalStateException("extractions were dead-lettered: " + counts);
            }
            if (seen >= extracted) {
                return seen;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("memory extracted " + seen + " of " + extracted + " turns in " + timeout);
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The fake model as an extractor: two new facts from the message's numbers; other requests get the script. */
    private static @Nullable Reply extract(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (messages.isEmpty() || !messages.get(0).path("content").asString().startsWith(EXTRACTOR)) {
            return null;
        }
        String said = JSON.readTree(
                        messages.get(messages.size() - 1).path("content").asString())
                .path("user_message")
                .asString();
        Matcher numbers = Pattern.compile("\\d+").matcher(said);
        String city = numbers.find() ? numbers.group() : "0";
        String favourite = numbers.find() ? numbers.group() : "0";
        ObjectNode answer = JSON.createObjectNode();
        var facts = answer.putArray("facts");
        facts.addObject()
                .put("subject", "user")
                .put("predicate", "lives_in")
                .put("object", "city " + city)
                .put("text", "The user lives in city number " + city + ".")
                .put("category", "location")
                .put("confidence", 0.9)
                .put("action", "add")
                .putNull("existing_fact_id");
        facts.addObject()
                .put("subject", "user")
                .put("predicate", "favourite_number")
                .put("object", favourite)
                .put("text", "The user's favourite number is " + favourite + ".")
                .put("category", "preference")
                .put("confidence", 0.9)
                .put("action", "add")
                .putNull("existing_fact_id");
        return Reply.text(answer.toString()).withUsage(300, 60);
    }

    private static void log(String message) {
        System.out.println("[memory-extraction-bench] " + message);
    }
}
