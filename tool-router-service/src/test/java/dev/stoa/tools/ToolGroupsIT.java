package dev.stoa.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.stoa.common.auth.Role;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.test.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Tool groups over REST, and agents using the tools of the groups their config names. */
@ToolRouterServiceTest
class ToolGroupsIT {
    private static final String GROUPS = "/api/v1/tools/groups";

    @LocalServerPort
    int port;

    @Test
    void adminsManageGroupsMembersReadThemAndOtherOrgsSeeNothing(TestHttp http) {
        // given an org with an admin, a member and a viewer
        Org org = Org.create();
        String admin = org.token(Role.ADMIN);

        // when the admin creates a group (tool names need not be registered yet)
        TestHttp.Response created = http.post(
                GROUPS,
                admin,
                Map.of(
                        "name",
                        "billing",
                        "description",
                        "Money things",
                        "tools",
                        List.of("refund", "refund", "charge")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.id();
        assertThat(id).startsWith("tgr_");
        assertThat(created.header("Location")).isEqualTo(GROUPS + "/" + id);
        assertThat(created.json().path("tools").toString()).isEqualTo("[\"refund\",\"charge\"]");

        // then members and viewers read it, but only admins change it
        assertThat(http.get(GROUPS + "/" + id, org.viewer()).json().path("name").asString())
                .isEqualTo("billing");
        assertThat(http.post(GROUPS, org.member(), Map.of("name", "x", "tools", List.of()))
                        .status())
                .isEqualTo(403);
        assertThat(http.patch(GROUPS + "/" + id, org.member(), Map.of("name", "y"))
                        .status())
                .isEqualTo(403);
        assertThat(http.delete(GROUPS + "/" + id, org.member()).status()).isEqualTo(403);

        // a second group of the same name is a conflict; bad input names the field
        TestHttp.Response twice = http.post(GROUPS, admin, Map.of("name", "billing", "tools", List.of()));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("tool_group_name_taken");
        assertBadField(http.post(GROUPS, admin, Map.of("name", "has space", "tools", List.of())), "name");
        assertBadField(http.post(GROUPS, admin, Map.of("name", "n".repeat(65), "tools", List.of())), "name");
        assertBadField(http.post(GROUPS, admin, Map.of("tools", List.of())), "name");
        assertBadField(http.post(GROUPS, admin, Map.of("name", "ok")), "tools");
        assertBadField(http.post(GROUPS, admin, Map.of("name", "ok", "tools", List.of("bad name"))), "tools[0]");
        assertBadField(
                http.post(GROUPS, admin, Map.of("name", "ok", "tools", List.of(), "description", "d".repeat(1001))),
                "description");
        assertThat(http.get(GROUPS + "?limit=0", admin).status()).isEqualTo(400);

        // another org sees nothing and changes nothing
        String stranger = Org.create().token(Role.ADMIN);
        assertThat(http.get(GROUPS + "/" + id, stranger).status()).isEqualTo(404);
        assertThat(http.patch(GROUPS + "/" + id, stranger, Map.of("name", "mine"))
                        .status())
                .isEqualTo(404);
        assertThat(http.delete(GROUPS + "/" + id, stranger).status()).isEqualTo(404);
        assertThat(http.get(GROUPS, stranger).json().path("data")).isEmpty();

        // a patch changes only what it names; renaming onto another group's name is a conflict
        http.post(GROUPS, admin, Map.of("name", "support", "tools", List.of()));
        TestHttp.Response renamed = http.patch(GROUPS + "/" + id, admin, Map.of("name", "payments"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("description").asString()).isEqualTo("Money things");
        assertThat(renamed.json().path("tools")).hasSize(2);
        assertThat(http.patch(GROUPS + "/" + id, admin, Map.of("name", "support"))
                        .code())
                .isEqualTo("tool_group_name_taken");

        // the list pages with a cursor, newest first
        http.post(GROUPS, admin, Map.of("name", "third", "tools", List.of()));
        List<String> names = new ArrayList<>();
        JsonNode page = http.get(GROUPS + "?limit=2", org.viewer()).json();
        page.path("data").forEach(g -> names.add(g.path("name").asString()));
        String cursor = page.path("next_cursor").asString();
        assertThat(cursor).isNotBlank();
        JsonNode next =
                http.get(GROUPS + "?limit=2&cursor=" + cursor, org.viewer()).json();
        next.path("data").forEach(g -> names.add(g.path("name").asString()));
        assertThat(names).containsExactly("third", "support", "payments");
        assertThat(next.path("next_cursor").isNull()).isTrue();

        // deleting it leaves nothing behind
        assertThat(http.delete(GROUPS + "/" + id, admin).status()).isEqualTo(204);
        assertThat(http.get(GROUPS + "/" + id, admin).status()).isEqualTo(404);

        // and every change was audited, by the admin who made it
        for (String action : List.of("tool_group.created", "tool_group.updated", "tool_group.deleted")) {
            AuditEvent audited = audit(TopicReader.first(
                    Topics.AUDIT,
                    r -> audit(r).getTargetId().equals(id)
                            && audit(r).getAction().equals(action)));
            assertThat(audited.getOrgId()).isEqualTo(org.id());
            assertThat(audited.getTargetType()).isEqualTo("tool_group");
            assertThat(audited.getActorType()).isEqualTo("user");
        }
    }

    private static AuditEvent audit(ConsumerRecord<String, byte[]> record) {
        try {
            return AuditEvent.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            return AuditEvent.getDefaultInstance();
        }
    }

    @Test
    void anAgentGetsTheToolsOfTheGroupsItsConfigNamesAndSaysWhichGroupBroughtEach(TestHttp http) {
        // given an org whose backend registers three tools, and a group of one of them (and one not yet registered)
        Org org = Org.create();
        String admin = org.token(Role.ADMIN);
        String agentId = org.readyAgent(http);
        String path = "/api/v1/agents/" + agentId;
        String groupId = http.post(
                        GROUPS, admin, Map.of("name", "reporting", "tools", List.of("report", "export_later")))
                .id();
        try (SdkSocket sdk = SdkSocket.hello(port, org.sdk("sdk_g"))) {
            sdk.register("lookup", Map.of("type", "object"), Map.of());
            sdk.register("report", Map.of("type", "object"), Map.of());
            sdk.register("delete_all", Map.of("type", "object"), Map.of());

            // without an allowlist or groups the agent has every tool, via the org
            assertThat(via(http.get(path + "/tools", org.member())))
                    .containsExactly("delete_all=org", "lookup=org", "report=org");

            // when its config allows one tool and names the group
            TestHttp.Response config = http.patch(
                    path + "/tool-config",
                    org.member(),
                    Map.of("allow", List.of("lookup"), "groups", List.of("reporting")));
            assertThat(config.status()).as(config.body()).isEqualTo(200);
            assertThat(config.json().path("groups").get(0).asString()).isEqualTo("reporting");

            // then it has the allowed tool and the group's registered tool, each saying why, and the preview too
            assertThat(via(http.get(path + "/tools", org.member())))
                    .containsExactly("lookup=allow", "report=group:reporting");
            assertThat(via(http.post(path + "/tools/preview", org.member(), Map.of("query", "a report")), "tools"))
                    .containsExactly("lookup=allow", "report=group:reporting");

            // a group without an allowlist restricts the agent to the group
            http.patch(path + "/tool-config", org.member(), Map.of("allow_all", true));
            assertThat(via(http.get(path + "/tools", org.member()))).containsExactly("report=group:reporting");

            // the group's change reaches the agent at once; deny still wins
            http.patch(GROUPS + "/" + groupId, admin, Map.of("tools", List.of("report", "delete_all")));
            assertThat(via(http.get(path + "/tools", org.member())))
                    .containsExactly("delete_all=group:reporting", "report=group:reporting");
            http.patch(path + "/tool-config", org.member(), Map.of("deny", List.of("delete_all")));
            assertThat(via(http.get(path + "/tools", org.member()))).containsExactly("report=group:reporting");

            // naming a group the org does not have is refused, naming the entry
            assertBadField(
                    http.patch(path + "/tool-config", org.member(), Map.of("groups", List.of("reporting", "nope"))),
                    "groups[1]");
            // deleting the group takes its tools away
            assertThat(http.delete(GROUPS + "/" + groupId, admin).status()).isEqualTo(204);
            assertThat(via(http.get(path + "/tools", org.member()))).isEmpty();
        }
    }

    private static List<String> via(TestHttp.Response response) {
        return via(response, "data");
    }

    private static List<String> via(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        response.json().path(field).forEach(t -> {
            String via = t.path("via").asString();
            out.add(t.path("tool").path("name").asString() + "="
                    + (via.equals("group") ? "group:" + t.path("group").asString() : via));
        });
        return out.stream().sorted().toList();
    }

    private static void assertBadField(TestHttp.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.field()).as(response.body()).isEqualTo(field);
    }
}
