package dev.stoa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.fakeprovider.Reply;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Turns outlive their clients: resume from the log, retry with the same key, cancel, and the monthly budget. */
@ChatServiceTest
class ChatDurabilityIT {
    private static final String LONG = "one two three four five six seven eight nine ten";

    private final ChatApi api;

    ChatDurabilityIT(ChatApi api) {
        this.api = api;
    }

    @Test
    void aClientThatHangsUpResumesFromTheLogWithoutAnotherModelCall() {
        TestOrg org = TestOrg.create();
        String me = org.member();
        String agent = api.agent(org, Map.of());
        api.fake().script(Reply.text(LONG)).interTokenDelay(Duration.ofMillis(100));
        int calls = api.fake().requestCount();

        List<ChatApi.Event> cut = api.chatThenHangUp(me, agent, Map.of("message", "Count"), 4);
        long last = cut.getLast().id();
        String conversation = cut.getFirst().data().path("conversation_id").asString();

        ChatApi.Stream rest = api.events(me, conversation, last);

        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.events().getFirst().id()).isEqualTo(last + 1);
        assertThat(rest.types()).last().isEqualTo("turn.completed");
        assertThat(rest.types()).doesNotContain("conversation", "turn.started");
        assertThat(text(cut) + rest.text()).isEqualTo(LONG);
        assertThat(api.fake().requestCount()).isEqualTo(calls + 1);
        // Replaying the whole log once the turn is over ends after its last event.
        ChatApi.Stream replay = api.events(me, conversation, 0L);
        assertThat(replay.text()).isEqualTo(LONG);
        assertThat(replay.events().getLast().id())
                .isEqualTo(rest.events().getLast().id());
    }

    private static String text(List<ChatApi.Event> events) {
        StringBuilder out = new StringBuilder();
        events.stream()
                .filter(e -> e.type().equals("text.delta"))
                .forEach(e -> out.append(e.data().path("text").asString()));
        return out.toString();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyStreamsTheSameTurnAndCountsOnce() {
        TestOrg org = TestOrg.create();
        String me = org.member();
        String agent = api.agent(org, Map.of("rate_limits", Map.of("requests_per_minute", 1)));
        api.fake().script(Reply.text("Only once."));
        Map<String, String> key = Map.of("Idempotency-Key", "retry-" + UUID.randomUUID());
        int calls = api.fake().requestCount();

        ChatApi.Stream first = api.chat(me, agent, Map.of("message", "Once"), key, Integer.MAX_VALUE);
        ChatApi.Stream retried = api.chat(me, agent, Map.of("message", "Once"), key, Integer.MAX_VALUE);

        assertThat(retried.status()).as(retried.problem()).isEqualTo(200);
        assertThat(retried.turnId()).isEqualTo(first.turnId());
        assertThat(retried.events()).isEqualTo(first.events());
        assertThat(api.fake().requestCount()).isEqualTo(calls + 1);
        // Resuming the retry after an id skips what the client already has.
        ChatApi.Stream resumed = api.chat(
                me,
                agent,
                Map.of("message", "Once"),
                Map.of("Idempotency-Key", key.get("Idempotency-Key"), "Last-Event-ID", "2"),
                Integer.MAX_VALUE);
        assertThat(resumed.events().getFirst().id()).isEqualTo(3);
        // A new key is a new request: past the limit of one a minute.
        ChatApi.Stream other = api.chat(
                me,
                agent,
                Map.of("message", "Again"),
                Map.of("Idempotency-Key", "other-" + UUID.randomUUID()),
                Integer.MAX_VALUE);
        assertThat(other.status()).isEqualTo(429);
    }

    @Test
    void aCancelledTurnStopsAndEndsWithTurnCancelled() {
        TestOrg org = TestOrg.create();
        String me = org.member();
        String agent = api.agent(org, Map.of());
        // Long enough (300 tokens, 60 s) that only the cancel can end it within the test.
        String endless = String.join(" ", java.util.Collections.nCopies(30, LONG));
        api.fake().script(Reply.text(endless)).interTokenDelay(Duration.ofMillis(200));
        long t0 = System.nanoTime();
        List<ChatApi.Event> cut = api.chatThenHangUp(me, agent, Map.of("message", "Go on"), 3);
        long t1 = System.nanoTime();
        String conversation = cut.getFirst().data().path("conversation_id").asString();
        String turn = cut.getFirst().data().path("turn_id").asString();

        ChatApi.Stream busy =
                api.chat(me, agent, Map.of("message", "Me too", "conversation_id", conversation), Map.of(), 1);
        long t2 = System.nanoTime();
        assertThat(busy.status())
                .as("cut %d ms, busy %d ms", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000)
                .isEqualTo(409);
        assertThat(busy.problem()).contains("turn_in_progress");

        Response cancelled = api.post("/api/v1/conversations/" + conversation + "/turns/" + turn + "/cancel", me, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asString())
                .as(
                        "cut %d ms, busy %d ms, cancel %d ms",
                        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000)
                .isEqualTo("cancelled");

        ChatApi.Stream all = api.events(me, conversation, 0L);
        assertThat(all.types()).last().isEqualTo("turn.cancelled");
        assertThat(all.text().length()).isLessThan(endless.length());
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.fake().activeStreams()).isZero());
        Response again = api.post("/api/v1/conversations/" + conversation + "/turns/" + turn + "/cancel", me, null);
        assertThat(again.json().path("status").asString()).isEqualTo("cancelled");
    }

    @Test
    void anExhaustedMonthlyBudgetRefusesTurnsWith402() {
        TestOrg org = TestOrg.create();
        String me = org.member();
        Response priced = api.agents.post(
                "/api/v1/providers/catalog",
                org.admin(),
                Map.of(
                        "provider_kind", "openai_compatible",
                        "model", "gpt-4o-mini",
                        "context_window", 100_000,
                        "input_price_per_mtok_usd", 1000,
                        "output_price_per_mtok_usd", 1000));
        assertThat(priced.status()).as(priced.body()).isEqualTo(201);
        String agent = api.agent(org, Map.of("monthly_budget_usd", 0.05));
        api.fake().script(Reply.text("Expensive.").withUsage(100, 10));

        ChatApi.Stream paid = api.chat(me, agent, Map.of("message", "Spend"), Map.of(), Integer.MAX_VALUE);
        assertThat(paid.first("turn.completed").data().path("cost_micros").asLong())
                .isEqualTo(110_000);

        ChatApi.Stream refused = api.chat(me, agent, Map.of("message", "More"), Map.of(), 1);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.problem()).contains("\"code\":\"budget_exceeded\"");
        assertThat(List.of(refused.raw().headers().firstValue("content-type").orElse("")))
                .allMatch(type -> type.startsWith("application/problem+json"));
    }
}
