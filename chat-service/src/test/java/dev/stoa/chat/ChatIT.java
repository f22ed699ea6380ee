package dev.stoa.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.events.Topics;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A turn end to end: the real agent-service's config, the fake provider over HTTP, the log, the record, the event. */
@ChatServiceTest
class ChatIT {
    private final ChatApi api;

    ChatIT(ChatApi api) {
        this.api = api;
    }

    @Test
    void streamsATurnWithIdsAndRecordsItsConversation() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        api.fake()
                .recordRequests(true)
                .script(Reply.text("Hello Ada, how can I help?").withUsage(12, 7));

        String me = org.member();
        ChatApi.Stream stream =
                api.chat(org, me, agent, Map.of("message", "Hi there", "context", Map.of("customer", "Ada")));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.raw().headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> types = stream.types();
        assertThat(types.getFirst()).isEqualTo("conversation");
        assertThat(types.get(1)).isEqualTo("turn.started");
        assertThat(types).contains("text.delta");
        assertThat(types.subList(types.size() - 2, types.size())).containsExactly("usage", "turn.completed");
        assertThat(stream.events().stream().map(ChatApi.Event::id).toList())
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, types.size())
                        .boxed()
                        .toList());
        assertThat(stream.text()).isEqualTo("Hello Ada, how can I help?");
        JsonNode completed = stream.first("turn.completed").data();
        assertThat(completed.path("message").asString()).isEqualTo("Hello Ada, how can I help?");
        assertThat(completed.path("input_tokens").asLong()).isEqualTo(12);
        assertThat(completed.path("output_tokens").asLong()).isEqualTo(7);
        assertThat(stream.first("conversation").data().path("agent_version").asInt())
                .isEqualTo(1);

        // The prompt: the block with the context's variable filled in, then the user's message.
        JsonNode sent = api.fake().requests().getLast().body();
        assertThat(sent.path("messages").get(0).path("content").asString()).isEqualTo("You help Ada.");
        assertThat(sent.path("messages").get(1).path("content").asString()).isEqualTo("Hi there");

        String conversation = stream.conversationId();
        Response got = api.get("/api/v1/conversations/" + conversation, me);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        JsonNode messages = got.json().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
        assertThat(messages.get(1).path("content").asString()).isEqualTo("Hello Ada, how can I help?");
        assertThat(got.json().path("conversation").path("last_event_id").asLong())
                .isEqualTo(types.size());

        Response list = api.get("/api/v1/agents/" + agent + "/conversations", me);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("data").get(0).path("id").asString()).isEqualTo(conversation);
        // Another member of the org sees only their own conversations; an admin sees all of them.
        String colleague = org.member();
        assertThat(api.get("/api/v1/conversations/" + conversation, colleague).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/agents/" + agent + "/conversations", colleague)
                        .json()
                        .path("data"))
                .isEmpty();
        assertThat(api.chat(org, colleague, agent, Map.of("message", "Hi", "conversation_id", conversation))
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + conversation, org.admin()).status())
                .isEqualTo(200);
    }

    @Test
    void continuesAConversationWithItsHistory() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        api.fake().recordRequests(true).script(Reply.text("Paris."), Reply.text("About 2 million."));
        String token = org.member();
        ChatApi.Stream first = api.chat(org, token, agent, Map.of("message", "Capital of France?"));
        String conversation = first.conversationId();

        ChatApi.Stream second =
                api.chat(org, token, agent, Map.of("message", "Population?", "conversation_id", conversation));

        assertThat(second.status()).as(second.problem()).isEqualTo(200);
        assertThat(second.conversationId()).isEqualTo(conversation);
        assertThat(second.events().getFirst().id())
                .isEqualTo(first.events().getLast().id() + 1);
        JsonNode sent = api.fake().requests().getLast().body().path("messages");
        List<String> contents = new ArrayList<>();
        sent.forEach(m ->
                contents.add(m.path("role").asString() + ":" + m.path("content").asString()));
        assertThat(contents).containsSubsequence("user:Capital of France?", "assistant:Paris.", "user:Population?");
    }

    @Test
    void recordsUsageAtAgentServiceAndPublishesTurnFinished() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of("monthly_budget_usd", 2.5));
        api.fake().script(Reply.text("Done.").withUsage(30, 5));

        ChatApi.Stream stream = api.chat(org, org.member(), agent, Map.of("message", "Do it"));
        String turn = stream.turnId();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode limits = api.agents
                    .get("/api/v1/agents/" + agent + "/rate-limits", org.viewer())
                    .json();
            assertThat(limits.path("usage").path("requests").asLong()).isEqualTo(1);
            assertThat(limits.path("usage").path("tokens").asLong()).isEqualTo(35);
        });
        TurnFinished finished = turnFinished(org.id(), turn);
        assertThat(finished.getOutcome()).isEqualTo("completed");
        assertThat(finished.getAgentId()).isEqualTo(agent);
        assertThat(finished.getConversationId()).isEqualTo(stream.conversationId());
        assertThat(finished.getModel()).isEqualTo("gpt-4o-mini");
        assertThat(finished.getMonthlyBudgetMicros()).isEqualTo(2_500_000);
        assertThat(finished.getInputTokens()).isEqualTo(30);
        assertThat(finished.getOutputTokens()).isEqualTo(5);
        assertThat(finished.getAssistantMessage()).isEqualTo("Done.");
    }

    @Test
    void streamsATurnOverTheAnthropicProtocolAndCostsItAtTheCatalogsPrices() {
        TestOrg org = TestOrg.create();
        String provider = api.provider(org, "anthropic", api.fake().baseUrl());
        String agent = api.agent(org, Map.of("provider_id", provider, "model", "claude-3-5-haiku-latest"), Map.of());
        api.fake().recordRequests(true).script(Reply.text("Bonjour Ada.").withUsage(40, 10));

        ChatApi.Stream stream =
                api.chat(org.member(), agent, Map.of("message", "Salut", "context", Map.of("customer", "Ada")));

        assertThat(stream.status()).as(stream.problem()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.completed");
        assertThat(stream.text()).isEqualTo("Bonjour Ada.");
        // Claude 3.5 Haiku in the built-in catalog: 0.80 / 4.00 USD per million tokens -> 40 x 0.8 + 10 x 4 micro-USD.
        JsonNode completed = stream.first("turn.completed").data();
        assertThat(completed.path("cost_micros").asLong()).isEqualTo(72);
        assertThat(completed.path("provider_id").asString()).isEqualTo(provider);
        assertThat(completed.path("model").asString()).isEqualTo("claude-3-5-haiku-latest");
        assertThat(completed.path("fallback_taken").asBoolean()).isFalse();
        JsonNode usage = stream.first("usage").data();
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(40);
        assertThat(usage.path("output_tokens").asLong()).isEqualTo(10);
        // It went over Anthropic's Messages API, with the key in x-api-key and the prompt block as the system prompt.
        var sent = api.fake().requests().getLast();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo(dev.stoa.test.service.FakeProviderExtension.API_KEY);
        assertThat(sent.body().path("system").toString()).contains("You help Ada.");
        assertThat(sent.body().path("model").asString()).isEqualTo("claude-3-5-haiku-latest");
        TurnFinished finished = turnFinished(org.id(), stream.turnId());
        assertThat(finished.getCostMicros()).isEqualTo(72);
        assertThat(finished.getModel()).isEqualTo("claude-3-5-haiku-latest");
    }

    @Test
    void aProviderFailureFailsTheTurnWithAStableCode() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        api.fake().failNext(401, 5);

        ChatApi.Stream stream = api.chat(org, org.member(), agent, Map.of("message", "Hello"));

        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.types()).last().isEqualTo("turn.failed");
        assertThat(stream.first("turn.failed").data().path("code").asString()).isEqualTo("provider_auth_failed");
        assertThat(stream.events().toString()).doesNotContain(dev.stoa.test.service.FakeProviderExtension.API_KEY);
        TurnFinished finished = turnFinished(org.id(), stream.turnId());
        assertThat(finished.getOutcome()).isEqualTo("failed");
        assertThat(finished.getErrorCode()).isEqualTo("provider_auth_failed");
    }

    @Test
    void aPausedAgentTakesNoTurns() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        Response paused = api.agents.post("/api/v1/agents/" + agent + "/pause", org.member(), null);
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ChatApi.Stream refused = api.chat(org, org.member(), agent, Map.of("message", "Hello"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.problem()).contains("\"code\":\"agent_paused\"");
        });
    }

    @Test
    void refusesTurnsPastTheRequestsPerMinuteWithRetryAfter() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of("rate_limits", Map.of("requests_per_minute", 1)));
        api.fake().script(Reply.text("One."));
        assertThat(api.chat(org, org.member(), agent, Map.of("message", "First"))
                        .status())
                .isEqualTo(200);

        ChatApi.Stream refused = api.chat(org, org.member(), agent, Map.of("message", "Second"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problem()).contains("\"code\":\"rate_limited\"");
        assertThat(refused.raw().headers().firstValue("retry-after"))
                .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 60L));
    }

    static TurnFinished turnFinished(String orgId, String turnId) {
        return TopicReader.one(Topics.TURNS, orgId, TurnFinished.parser(), event -> event.getTurnId()
                .equals(turnId));
    }
}
