package dev.stoa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.chat.api.rest.ChatRequests;
import dev.stoa.chat.domain.port.ConversationRepository;
import dev.stoa.events.Topics;
import dev.stoa.fakeprovider.Reply;
import dev.stoa.proto.events.v1.ConversationDeleted;
import dev.stoa.test.TestHttp.Response;
import dev.stoa.test.service.TestOrg;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bad input answers 400 naming the field; another org's agent or conversation answers 404; anonymous 401. */
@ChatServiceTest
class ChatInputIT {
    private final ChatApi api;
    private final ConversationRepository repository;

    ChatInputIT(ChatApi api, @Autowired ConversationRepository repository) {
        this.api = api;
        this.repository = repository;
    }

    @Test
    void refusesBadMessagesNamingTheField() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        String path = "/api/v1/agents/" + agent + "/chat";

        assertBad(api.post(path, org.member(), Map.of("message", "")), "message");
        assertBad(api.post(path, org.member(), Map.of("message", "x".repeat(ChatRequests.MAX_MESSAGE + 1))), "message");
        assertBad(api.post(path, org.member(), Map.of("message", "hi", "context", "not an object")), "context");
        assertBad(api.post(path, org.member(), Map.of("message", "hi", "colour", "blue")), "colour");
        assertBad(api.post(path, org.member(), Map.of("message", "hi", "conversation_id", "nope")), "conversation_id");
        assertBad(
                api.send("POST", path, org.member(), Map.of("message", "hi"), Map.of("Idempotency-Key", " ")),
                "Idempotency-Key");
        Response noBody = api.post(path, org.member(), null);
        assertThat(noBody.status()).isEqualTo(400);
    }

    @Test
    void anotherOrgsAgentsAndConversationsAreNotFound() {
        TestOrg mine = TestOrg.create();
        TestOrg theirs = TestOrg.create();
        String agent = api.agent(mine, Map.of());
        api.fake().script(Reply.text("Secret answer."));
        ChatApi.Stream stream = api.chat(mine, mine.member(), agent, Map.of("message", "Hello"));
        String conversation = stream.conversationId();
        String stranger = theirs.owner();

        assertThat(api.chat(theirs, stranger, agent, Map.of("message", "Hello")).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + conversation, stranger).status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/agents/" + agent + "/conversations", stranger)
                        .json()
                        .path("data"))
                .isEmpty();
        assertThat(api.delete("/api/v1/conversations/" + conversation, stranger).status())
                .isEqualTo(404);
        assertThat(api.events(stranger, conversation, 0L).status()).isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/conversations/" + conversation + "/turns/" + stream.turnId() + "/cancel",
                                stranger,
                                null)
                        .status())
                .isEqualTo(404);
        // Continuing my conversation from their org, with their own agent id or mine: 404 either way.
        String theirAgent = api.agent(theirs, Map.of());
        ChatApi.Stream hijack =
                api.chat(theirs, stranger, theirAgent, Map.of("message", "Hi", "conversation_id", conversation));
        assertThat(hijack.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + conversation, mine.admin())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anonymousCallersAndKeysWithoutTheScopeAreRefused() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        assertThat(api.post("/api/v1/agents/" + agent + "/chat", null, Map.of("message", "hi"))
                        .status())
                .isEqualTo(401);
        Response unscoped =
                api.post("/api/v1/agents/" + agent + "/chat", org.apiKey("agents:read"), Map.of("message", "hi"));
        assertThat(unscoped.status()).isEqualTo(403);
        assertThat(unscoped.code()).isEqualTo("insufficient_scope");
    }

    @Test
    void deletesAConversationWithItsMessagesAndEventsAndPublishesConversationDeleted() {
        TestOrg org = TestOrg.create();
        String agent = api.agent(org, Map.of());
        api.fake().script(Reply.text("Noted."));
        String me = org.member();
        String conversation =
                api.chat(org, me, agent, Map.of("message", "Remember")).conversationId();
        String user = api.get("/api/v1/conversations/" + conversation, me)
                .json()
                .path("conversation")
                .path("user_id")
                .asString();
        assertThat(repository.messages(org.id(), conversation)).isNotEmpty();
        assertThat(repository.events(org.id(), conversation, 0, 100)).isNotEmpty();
        // A colleague (a member sees only their own conversations) and another org cannot delete it.
        assertThat(api.delete("/api/v1/conversations/" + conversation, org.member())
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(
                                "/api/v1/conversations/" + conversation,
                                TestOrg.create().owner())
                        .status())
                .isEqualTo(404);

        assertThat(api.delete("/api/v1/conversations/" + conversation, me).status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/conversations/" + conversation, me).status())
                .isEqualTo(404);
        assertThat(api.events(me, conversation, 0L).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/conversations/" + conversation, me).status())
                .isEqualTo(404);
        assertThat(repository.messages(org.id(), conversation)).isEmpty();
        assertThat(repository.events(org.id(), conversation, 0, 100)).isEmpty();
        ConversationDeleted deleted = TopicReader.one(
                Topics.CONVERSATIONS, org.id(), ConversationDeleted.parser(), event -> event.getConversationId()
                        .equals(conversation));
        assertThat(deleted.getOrgId()).isEqualTo(org.id());
        assertThat(deleted.getAgentId()).isEqualTo(agent);
        assertThat(deleted.getUserId()).isEqualTo(user).isNotBlank();
        assertThat(deleted.hasDeletedAt()).isTrue();
    }

    private static void assertBad(Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(field);
    }
}
