package dev.stoa.memory;

import static dev.stoa.memory.Extractor.add;
import static dev.stoa.memory.Extractor.fact;
import static dev.stoa.memory.Extractor.facts;
import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.id.Ids;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.proto.events.v1.TurnFinished;
import dev.stoa.proto.memory.v1.MemoryGrpc;
import dev.stoa.proto.memory.v1.RecallRequest;
import dev.stoa.proto.memory.v1.RecallResponse;
import dev.stoa.proto.memory.v1.RecalledFact;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.PlatformIssuerExtension;
import dev.stoa.test.service.TestOrg;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Facts from completed turns: add, merge, supersede, malformed answers, redelivery, spend, deletions, recall. */
@MemoryServiceTest
class MemoryExtractionIT {
    static final String LISBON = "The user lives in Lisbon.";
    static final String PORTO = "The user lives in Porto.";
    static final String JAZZ = "The user likes jazz.";

    private final TestHttp http;
    private final ManagedChannel channel;
    private final FakeProvider fake;

    MemoryExtractionIT(TestHttp http, ManagedChannel channel, FakeProvider fake) {
        this.http = http;
        this.channel = channel;
        this.fake = fake;
    }

    @Test
    void addsMergesAndSupersedesKeepingTheHistoryAndRecallsCurrentFactsOnly() {
        // given an agent whose extraction model adds two facts, restates one, then contradicts the other
        Setup s = Setup.create();
        Extractor.on(fake, (message, existing) -> switch (message) {
            case "I live in Lisbon and I love jazz." ->
                facts(
                        add("user", "lives_in", "Lisbon", LISBON, "location"),
                        add("user", "likes", "jazz", JAZZ, "preference"));
            case "Jazz is really my favourite music." ->
                facts(fact("user", "likes", "jazz", "The user loves jazz.", "preference", "merge", existing.get(JAZZ)));
            case "I moved to Porto last month." ->
                facts(fact("user", "lives_in", "Porto", PORTO, "location", "supersede", existing.get(LISBON)));
            default -> facts();
        });

        // when three turns of three conversations complete
        Events.publishTurn(s.turn("cnv_a", "I live in Lisbon and I love jazz."));
        awaitFacts(s, "current", 2);
        Events.publishTurn(s.turn("cnv_b", "Jazz is really my favourite music."));
        awaitStat(s, "extractions_ok", 2);
        Events.publishTurn(s.turn("cnv_c", "I moved to Porto last month."));
        awaitFacts(s, "superseded", 1);

        // then the restatement merged (no third fact) and the contradiction superseded Lisbon, keeping its history
        List<JsonNode> current = listFacts(s, "current");
        assertThat(current).extracting(f -> f.path("text").asString()).containsExactlyInAnyOrder(JAZZ, PORTO);
        JsonNode porto = current.stream()
                .filter(f -> f.path("text").asString().equals(PORTO))
                .findFirst()
                .orElseThrow();
        JsonNode lisbon = listFacts(s, "superseded").getFirst();
        assertThat(lisbon.path("text").asString()).isEqualTo(LISBON);
        assertThat(lisbon.path("superseded_by").asString())
                .isEqualTo(porto.path("id").asString());
        assertThat(lisbon.path("valid_to").asString()).isNotEmpty();
        assertThat(listFacts(s, "all")).hasSize(3);

        // and recall returns the current place only, first
        // (the index takes the new fact in right after the commit the facts API already shows)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        recall(s, "Where does the user live?", 5).getFactsList())
                .extracting(RecalledFact::getText)
                .contains(PORTO));
        RecallResponse recalled = recall(s, "Where does the user live?", 5);
        assertThat(recalled.getEnabled()).isTrue();
        assertThat(recalled.getFactsList()).extracting(RecalledFact::getText).doesNotContain(LISBON);
        assertThat(recalled.getFacts(0).getText()).isEqualTo(PORTO);
        assertThat(recalled.getFacts(0).getScore()).isBetween(0.0, 1.0);

        // and the graph shows the history as edges with their validity
        JsonNode graph = ok("/api/v1/agents/" + s.agent + "/memory/" + s.user + "/graph?validity=all", s.org.admin());
        assertThat(graph.path("edges")).hasSize(3);
        assertThat(graph.path("nodes").valueStream().map(n -> n.path("label").asString()))
                .containsExactlyInAnyOrder("user", "Lisbon", "jazz", "Porto");
    }

    @Test
    void aRestatementTheModelCallsNewMergesByEmbeddingAndTriple() {
        Setup s = Setup.create();
        // the model adds the same fact again instead of merging it
        Extractor.on(fake, (m, existing) -> facts(add("user", "likes", "jazz", JAZZ, "preference")));

        Events.publishTurn(s.turn("cnv_a", "I like jazz."));
        awaitStat(s, "extractions_ok", 1);
        Events.publishTurn(s.turn("cnv_b", "Did I say I like jazz?"));
        awaitStat(s, "extractions_ok", 2);

        assertThat(listFacts(s, "all")).hasSize(1);
    }

    @Test
    void malformedAnswersAreRetriedOnceThenDeadLetteredWithNothingWritten() {
        Setup s = Setup.create();
        String message = "My sister is called Ana.";
        Extractor extractor = Extractor.on(
                fake, (m, existing) -> m.equals(message) ? "{\"facts\":[{\"subject\":\"user\"}]}" : facts());

        Events.publishTurn(s.turn("cnv_a", message));

        awaitStat(s, "extractions_dead_lettered", 1);
        assertThat(extractor.calls(message)).isEqualTo(2);
        assertThat(http.get(userPath(s), s.org.admin())
                        .json()
                        .path("current_facts")
                        .asLong())
                .isZero();
        assertThat(stats(s).path("current_facts").asLong()).isZero();
    }

    @Test
    void aRedeliveredTurnIsExtractedAndChargedOnce() {
        Setup s = Setup.create();
        Extractor extractor = Extractor.on(fake, (m, existing) -> switch (m) {
            case "I am a nurse." -> facts(add("user", "works_as", "nurse", "The user is a nurse.", "work"));
            case "I have a dog." -> facts(add("user", "has", "dog", "The user has a dog.", "personal"));
            default -> facts();
        });
        TurnFinished turn = s.turn("cnv_a", "I am a nurse.");
        TurnFinished marker = s.turn("cnv_marker", "I have a dog.");

        // the same turn twice (a redelivery), then another turn of the org (same partition: processed after)
        Events.publishTurn(turn);
        Events.publishTurn(turn);
        Events.publishTurn(marker);

        awaitFacts(s, "current", 2);
        assertThat(extractor.calls("I am a nurse.")).isEqualTo(1);
        List<TurnFinished> spend = Events.turnsUntil(
                s.org.id(),
                e -> e.getKind().equals("memory") && e.getConversationId().equals("cnv_a"),
                e -> e.getKind().equals("memory") && e.getConversationId().equals("cnv_marker"));
        assertThat(spend).hasSize(1);
        TurnFinished spent = spend.getFirst();
        assertThat(spent.getTurnId()).startsWith("trn_").isNotEqualTo(turn.getTurnId());
        assertThat(Ids.isValid("trn", spent.getTurnId())).isTrue();
        assertThat(spent.getAgentId()).isEqualTo(s.agent);
        assertThat(spent.getProviderId()).isEqualTo(FakeAgentRuntime.PROVIDER_ID);
        assertThat(spent.getModel()).isEqualTo("fake-agent-model");
        assertThat(spent.getInputTokens()).isEqualTo(1_000);
        assertThat(spent.getOutputTokens()).isEqualTo(200);
        // 1,000 input tokens at 1 USD and 200 output tokens at 2 USD per million
        assertThat(spent.getCostMicros()).isEqualTo(1_400);
        assertThat(spent.getOutcome()).isEqualTo("completed");
    }

    @Test
    void aDeletedConversationTakesTheFactsOnlyItSupported() {
        Setup s = Setup.create();
        Extractor.on(fake, (m, existing) -> switch (m) {
            case "I live in Lisbon and I love jazz." ->
                facts(
                        add("user", "lives_in", "Lisbon", LISBON, "location"),
                        add("user", "likes", "jazz", JAZZ, "preference"));
            case "Jazz is great." ->
                facts(fact("user", "likes", "jazz", JAZZ, "preference", "merge", existing.get(JAZZ)));
            default -> facts();
        });
        Events.publishTurn(s.turn("cnv_a", "I live in Lisbon and I love jazz."));
        awaitFacts(s, "current", 2);
        Events.publishTurn(s.turn("cnv_b", "Jazz is great."));
        awaitStat(s, "extractions_ok", 2);

        Events.publishDeletion(s.org.id(), s.agent, "cnv_a", s.user);

        // jazz is still supported by the other conversation; Lisbon was only this one's
        awaitFacts(s, "current", 1);
        assertThat(listFacts(s, "all"))
                .extracting(f -> f.path("text").asString())
                .containsExactly(JAZZ);
        assertThat(recall(s, "Where does the user live?", 5).getFactsList())
                .extracting(RecalledFact::getText)
                .containsExactly(JAZZ);
    }

    @Test
    void recallRanksTheRelevantFactFirstAndClearingForgetsEverything() {
        Setup s = Setup.create();
        Extractor.on(
                fake,
                (m, existing) -> facts(
                        add("user", "lives_in", "Lisbon", LISBON, "location"),
                        add("user", "has_dog_named", "Rex", "The user's dog is called Rex.", "personal"),
                        add("user", "works_as", "nurse", "The user works as a nurse.", "work"),
                        add("user", "likes", "jazz", JAZZ, "preference")));
        Events.publishTurn(s.turn("cnv_a", "Some things about me."));
        awaitFacts(s, "current", 4);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        recall(s, "What is my dog's name?", 2).getFactsCount())
                .isEqualTo(2));
        RecallResponse dog = recall(s, "What is my dog's name?", 2);
        assertThat(dog.getFactsCount()).isEqualTo(2);
        assertThat(dog.getFacts(0).getText()).isEqualTo("The user's dog is called Rex.");
        assertThat(dog.getFacts(0).getScore()).isGreaterThan(dog.getFacts(1).getScore());
        // another user of the same agent remembers nothing
        assertThat(recallAs(s, "usr_other", "What is my dog's name?").getFactsList())
                .isEmpty();

        // when the user's memory is cleared
        assertThat(http.delete(userPath(s), s.org.admin()).status()).isEqualTo(204);

        // then facts, view and recall are empty
        assertThat(http.get(userPath(s), s.org.admin())
                        .json()
                        .path("current_facts")
                        .asLong())
                .isZero();
        assertThat(recall(s, "What is my dog's name?", 5).getFactsList()).isEmpty();
        assertThat(stats(s).path("current_facts").asLong()).isZero();
    }

    private RecallResponse recall(Setup s, String query, int topK) {
        return stub().recall(RecallRequest.newBuilder()
                .setOrgId(s.org.id())
                .setAgentId(s.agent)
                .setUserId(s.user)
                .setQuery(query)
                .setTopK(topK)
                .build());
    }

    private RecallResponse recallAs(Setup s, String user, String query) {
        return stub().recall(RecallRequest.newBuilder()
                .setOrgId(s.org.id())
                .setAgentId(s.agent)
                .setUserId(user)
                .setQuery(query)
                .build());
    }

    private MemoryGrpc.MemoryBlockingStub stub() {
        return MemoryGrpc.newBlockingStub(channel)
                .withInterceptors(bearer(PlatformIssuerExtension.issuer().issue(Principals.service("chat"))));
    }

    private void awaitFacts(Setup s, String validity, int count) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(listFacts(s, validity)).hasSize(count));
    }

    private void awaitStat(Setup s, String stat, long value) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(stats(s).path(stat).asLong()).isEqualTo(value));
    }

    private List<JsonNode> listFacts(Setup s, String validity) {
        TestHttp.Response response = http.get(userPath(s) + "/facts?limit=100&validity=" + validity, s.org.admin());
        if (response.status() == 404) {
            return List.of();
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(response.json().path("data").spliterator(), false)
                .toList();
    }

    private JsonNode stats(Setup s) {
        return ok("/api/v1/agents/" + s.agent + "/memory/stats", s.org.viewer());
    }

    private JsonNode ok(String path, String token) {
        TestHttp.Response response = http.get(path, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static String userPath(Setup s) {
        return "/api/v1/agents/" + s.agent + "/memory/" + s.user;
    }

    /** A fresh org with an agent at agent-service (the fake) and one end user. */
    record Setup(TestOrg org, String agent, String user) {
        static Setup create() {
            TestOrg org = TestOrg.create();
            String agent = Ids.generate("agt");
            FakeAgentRuntime.agent(org.id(), agent);
            return new Setup(org, agent, Ids.generate("usr"));
        }

        TurnFinished turn(String conversationId, String message) {
            return Events.turn(org.id(), agent, conversationId, user, message);
        }
    }
}
