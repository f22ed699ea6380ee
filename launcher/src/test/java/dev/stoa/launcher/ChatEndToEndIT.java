package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Chat through the gateway: the README's first chat on the embedded default's fake provider, conversations, another
 * org's 404, a stream cut off and resumed from the log, an idempotent retry, a paused agent, a cancel, an exhausted
 * monthly budget, and a budget enforced from monitoring's cost ledger.
 */
class ChatEndToEndIT {
    static TestHttp http;
    static EmbeddedPlatform platform;
    static FakeProvider scripted;

    @BeforeAll
    static void start() throws Exception {
        platform = SharedPlatform.get();
        http = SharedPlatform.http();
        scripted = FakeProvider.start();
    }

    @AfterAll
    static void stop() {
        scripted.close();
    }

    record Event(long id, String type, JsonNode data) {}

    @Test
    void readmeFirstChatOnTheEmbeddedFakeProvider() {
        String owner = SharedPlatform.registerOwner(http);
        String agent = agentOn(owner, platform.fakeProviderUrl() + "/v1");

        Response chat = http.post(
                "/api/v1/agents/" + agent + "/chat",
                owner,
                Map.of("message", "Hello!", "context", Map.of("customer", "Ada")));

        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        assertThat(chat.header("content-type")).startsWith("text/event-stream");
        List<Event> events = parse(chat.body());
        assertThat(events.getFirst().type()).isEqualTo("conversation");
        assertThat(events.getLast().type()).isEqualTo("turn.completed");
        assertThat(events.getLast().data().path("message").asString()).isEqualTo("ok");
        String conversation = events.getFirst().data().path("conversation_id").asString();

        Response got = http.get("/api/v1/conversations/" + conversation, owner);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        assertThat(got.json().path("messages")).hasSize(2);
        Response listed = http.get("/api/v1/agents/" + agent + "/conversations", owner);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().path("data").get(0).path("id").asString()).isEqualTo(conversation);

        String stranger = SharedPlatform.registerOwner(http);
        assertThat(http.get("/api/v1/conversations/" + conversation, stranger).status())
                .isEqualTo(404);
        assertThat(http.delete("/api/v1/conversations/" + conversation, stranger)
                        .status())
                .isEqualTo(404);
        assertThat(http.post("/api/v1/agents/" + agent + "/chat", stranger, Map.of("message", "hi"))
                        .status())
                .isEqualTo(404);
        Response bad = http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", ""));
        assertThat(bad.status()).isEqualTo(400);

        assertThat(http.delete("/api/v1/conversations/" + conversation, owner).status())
                .isEqualTo(204);
        assertThat(http.get("/api/v1/conversations/" + conversation, owner).status())
                .isEqualTo(404);
    }

    @Test
    void aClientThatHangsUpResumesFromTheLogWithoutAnotherModelCall() throws Exception {
        String owner = SharedPlatform.registerOwner(http);
        String agent = agentOn(owner, scripted.baseUrl() + "/v1");
        scripted.script(Reply.text("one two three four five six seven eight")).interTokenDelay(Duration.ofMillis(150));
        int calls = scripted.requestCount();

        // A plain socket closed after four events is a client that goes away (the JDK client would drain the rest).
        List<Event> seen = new ArrayList<>();
        URI gateway = URI.create(platform.gatewayUrl());
        byte[] json = "{\"message\":\"count\"}".getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(60_000);
            String head = "POST /api/v1/agents/" + agent + "/chat HTTP/1.1\r\nHost: " + gateway.getAuthority()
                    + "\r\nAuthorization: Bearer " + owner + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(json);
            socket.getOutputStream().flush();
            readEvents(socket.getInputStream(), seen, 4); // conversation, turn.started and two deltas: hang up
        }
        String conversation = seen.getFirst().data().path("conversation_id").asString();
        long last = seen.getLast().id();

        HttpRequest resume = HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + "/api/v1/conversations/" + conversation + "/events"))
                .header("Authorization", "Bearer " + owner)
                .header("Last-Event-ID", Long.toString(last))
                .GET()
                .build();
        List<Event> rest = new ArrayList<>();
        HttpResponse<InputStream> resumed = TestHttp.CLIENT.send(resume, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resumed.statusCode()).isEqualTo(200);
        try (InputStream in = resumed.body()) {
            readEvents(in, rest, Integer.MAX_VALUE);
        }

        assertThat(rest.getFirst().id()).isEqualTo(last + 1);
        assertThat(rest.getLast().type()).isEqualTo("turn.completed");
        StringBuilder text = new StringBuilder();
        for (Event event : concat(seen, rest)) {
            if (event.type().equals("text.delta")) {
                text.append(event.data().path("text").asString());
            }
        }
        assertThat(text.toString()).isEqualTo("one two three four five six seven eight");
        assertThat(scripted.requestCount()).isEqualTo(calls + 1);
    }

    @Test
    void aRetryWithTheSameKeyReplaysTheTurnAndAPausedAgentRefuses() {
        String owner = SharedPlatform.registerOwner(http);
        String agent = agentOn(owner, platform.fakeProviderUrl() + "/v1");
        String path = "/api/v1/agents/" + agent + "/chat";
        Map<String, String> key = Map.of("Idempotency-Key", "e2e-" + java.util.UUID.randomUUID());

        Response first = http.send("POST", path, owner, Map.of("message", "Once"), key);
        Response retried = http.send("POST", path, owner, Map.of("message", "Once"), key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(parse(retried.body())).isEqualTo(parse(first.body()));

        Response paused = http.post("/api/v1/agents/" + agent + "/pause", owner, null);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response refused = http.post(path, owner, Map.of("message", "Still there?"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("agent_paused");
        });
    }

    @Test
    void aTurnIsCancelledAndAnExhaustedBudgetRefusesTheNext() throws Exception {
        String owner = SharedPlatform.registerOwner(http);
        // This org prices the fake model (1,000 USD per million tokens) and caps the agent at 0.05 USD a month.
        Response priced = http.post(
                "/api/v1/providers/catalog",
                owner,
                Map.of(
                        "provider_kind", "openai_compatible",
                        "model", "fake-model",
                        "context_window", 100_000,
                        "input_price_per_mtok_usd", 1000,
                        "output_price_per_mtok_usd", 1000));
        assertThat(priced.status()).as(priced.body()).isEqualTo(201);
        Response provider = http.post(
                "/api/v1/providers",
                owner,
                Map.of(
                        "name", "fake",
                        "kind", "openai_compatible",
                        "base_url", scripted.baseUrl() + "/v1",
                        "api_key", "any-key"));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        Response created = http.post(
                "/api/v1/agents",
                owner,
                Map.of(
                        "name",
                        "Budgeted",
                        "model",
                        Map.of("provider_id", provider.json().path("id").asString(), "model", "fake-model"),
                        "monthly_budget_usd",
                        0.05));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String path = "/api/v1/agents/" + created.json().path("id").asString() + "/chat";

        // A long answer, a client that goes away after the first delta, and a cancel through the gateway.
        scripted.script(Reply.text(String.join(" ", java.util.Collections.nCopies(200, "word"))))
                .interTokenDelay(Duration.ofMillis(100));
        List<Event> seen = new ArrayList<>();
        URI gateway = URI.create(platform.gatewayUrl());
        byte[] json = "{\"message\":\"talk\"}".getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(60_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + gateway.getAuthority() + "\r\nAuthorization: Bearer "
                    + owner + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(json);
            socket.getOutputStream().flush();
            readEvents(socket.getInputStream(), seen, 3); // conversation, turn.started, the first delta
        }
        String conversation = seen.getFirst().data().path("conversation_id").asString();
        String turn = seen.getFirst().data().path("turn_id").asString();
        Response cancelled =
                http.post("/api/v1/conversations/" + conversation + "/turns/" + turn + "/cancel", owner, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString()).isEqualTo("cancelled");
        Response log = http.get("/api/v1/conversations/" + conversation + "/events", owner);
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<Event> events = parse(log.body());
        assertThat(events.getLast().type()).isEqualTo("turn.cancelled");
        assertThat(events.stream().filter(e -> e.type().equals("text.delta")).count())
                .isLessThan(200);

        // 110 tokens at 1,000 USD per million: 0.11 USD, over the 0.05 cap; the next turn is refused.
        scripted.script(Reply.text("Expensive.").withUsage(100, 10)).interTokenDelay(Duration.ZERO);
        Response paid = http.post(path, owner, Map.of("message", "Spend"));
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(parse(paid.body()).getLast().data().path("cost_micros").asLong())
                .isEqualTo(110_000);
        Response refused = http.post(path, owner, Map.of("message", "More"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("budget_exceeded");
    }

    @Test
    void aMonthlyBudgetIsEnforcedFromTheCostLedger() throws Exception {
        // An agent capped at 0.01 USD whose ledger (monitoring) already holds 0.02 USD of this month's costs that
        // chat never saw (as other cost sources will add): chat asks the ledger and refuses the turn.
        String owner = SharedPlatform.registerOwner(http);
        String orgId = TestHttp.JSON
                .readTree(java.util.Base64.getUrlDecoder().decode(owner.split("\\.")[1]))
                .path("org_id")
                .asString();
        String agent = agentOn(owner, platform.fakeProviderUrl() + "/v1");
        Response capped = http.patch("/api/v1/agents/" + agent, owner, Map.of("monthly_budget_usd", 0.01));
        assertThat(capped.status()).as(capped.body()).isEqualTo(200);
        assertThat(http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "Hi"))
                        .status())
                .isEqualTo(200);
        try (java.sql.Connection db = platform.database("monitoring").connectAsOwner();
                java.sql.PreparedStatement org = db.prepareStatement("select set_config('stoa.org_id', ?, false)");
                java.sql.PreparedStatement cost = db.prepareStatement(
                        "insert into cost_ledger (org_id, agent_id, provider_id, model, day, turns, failed_turns,"
                                + " input_tokens, output_tokens, cost_micros, updated_at)"
                                + " values (?, ?, 'embeddings', 'text-embedding-3-small',"
                                + " (now() at time zone 'utc')::date, 0, 0, 0, 0, 20000, now())")) {
            org.setString(1, orgId);
            org.execute();
            cost.setString(1, orgId);
            cost.setString(2, agent);
            cost.executeUpdate();
        }

        // chat keeps a ledger answer 5 s; the next turns are refused once it asks again
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response refused = http.post("/api/v1/agents/" + agent + "/chat", owner, Map.of("message", "More"));
            assertThat(refused.status()).as(refused.body()).isEqualTo(402);
            assertThat(refused.code()).isEqualTo("budget_exceeded");
        });
    }

    private static List<Event> concat(List<Event> a, List<Event> b) {
        List<Event> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String agentOn(String owner, String baseUrl) {
        Response provider = http.post(
                "/api/v1/providers",
                owner,
                Map.of("name", "fake", "kind", "openai_compatible", "base_url", baseUrl, "api_key", "any-key"));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        Response agent = http.post(
                "/api/v1/agents",
                owner,
                Map.of(
                        "name", "Helper",
                        "model",
                                Map.of("provider_id", provider.json().path("id").asString(), "model", "fake-model"),
                        "prompt_blocks", List.of(Map.of("name", "persona", "content", "You help {{customer}}."))));
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return agent.json().path("id").asString();
    }

    static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        try {
            readEvents(
                    new java.io.ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), events, Integer.MAX_VALUE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return events;
    }

    private static void readEvents(InputStream in, List<Event> into, int max) throws java.io.IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long id = -1;
        String type = null;
        String line;
        while (into.size() < max && (line = reader.readLine()) != null) {
            if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                into.add(new Event(id, type, TestHttp.JSON.readTree(line.substring(6))));
            }
        }
    }
}
