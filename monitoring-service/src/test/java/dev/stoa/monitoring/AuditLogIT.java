package dev.stoa.monitoring;

import static dev.stoa.monitoring.ToolCallsIT.assertField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.events.Topics;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.TestOrg;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Audit events of stoa.audit.v1 in the append-only audit log, read through GET /api/v1/audit-logs. */
@MonitoringServiceTest
class AuditLogIT {

    @Test
    void adminsReadTheirOrgsAuditLogFiltered(TestHttp http) {
        // given three actions in one org, one in another, and one of no org
        TestOrg org = TestOrg.create();
        TestOrg other = TestOrg.create();
        SourceEvents.publish(
                Topics.AUDIT,
                org.id(),
                SourceEvents.audit(org.id(), "usr_ada", "api_key.created", "api_key")
                        .build());
        SourceEvents.publish(
                Topics.AUDIT,
                org.id(),
                SourceEvents.audit(org.id(), "usr_bob", "member.role_changed", "member")
                        .build());
        SourceEvents.publish(
                Topics.AUDIT,
                org.id(),
                SourceEvents.audit(org.id(), "usr_ada", "agent.deleted", "agent")
                        .build());
        SourceEvents.publish(
                Topics.AUDIT,
                other.id(),
                SourceEvents.audit(other.id(), "usr_eve", "api_key.created", "api_key")
                        .build());
        SourceEvents.publish(
                Topics.AUDIT,
                "",
                SourceEvents.audit("", "", "auth.login_failed", "user").build());

        // when an admin lists them, then the org's three are there, newest first, with who, what and where
        JsonNode all = awaitEntries(http, org.admin(), "", 3);
        JsonNode newest = all.path("data").get(0);
        assertThat(newest.path("action").asString()).isEqualTo("agent.deleted");
        assertThat(newest.path("actor_id").asString()).isEqualTo("usr_ada");
        assertThat(newest.path("actor_type").asString()).isEqualTo("user");
        assertThat(newest.path("resource_type").asString()).isEqualTo("agent");
        assertThat(newest.path("ip").asString()).isEqualTo("203.0.113.7");
        assertThat(newest.path("attributes").path("new_role").asString()).isEqualTo("admin");
        assertThat(newest.path("source").asString()).isEqualTo("/stoa/test");

        // and the filters narrow it down
        assertThat(list(http, org.admin(), "?actor_id=usr_ada").path("data")).hasSize(2);
        assertThat(list(http, org.admin(), "?action=member.role_changed").path("data"))
                .hasSize(1);
        assertThat(list(http, org.admin(), "?resource_type=api_key").path("data"))
                .hasSize(1);
        JsonNode page = list(http, org.owner(), "?limit=2");
        assertThat(page.path("data")).hasSize(2);
        assertThat(list(
                                http,
                                org.owner(),
                                "?limit=2&cursor=" + page.path("next_cursor").asString())
                        .path("data")
                        .get(0)
                        .path("action")
                        .asString())
                .isEqualTo("api_key.created");

        // and the other org sees its own only
        assertThat(awaitEntries(http, other.admin(), "", 1)
                        .path("data")
                        .get(0)
                        .path("actor_id")
                        .asString())
                .isEqualTo("usr_eve");
    }

    @Test
    void membersAndUnscopedKeysMayNotRead(TestHttp http) {
        TestOrg org = TestOrg.create();
        assertThat(http.get("/api/v1/audit-logs", org.member()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit-logs", org.viewer()).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit-logs", org.apiKey("monitoring:read")).status())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/audit-logs", org.apiKey("audit_logs:read")).status())
                .isEqualTo(200);
    }

    @Test
    void refusesBadFiltersNamingTheParameter(TestHttp http) {
        String token = TestOrg.create().admin();
        assertField(http.get("/api/v1/audit-logs?action=DROP%20TABLE", token), "action");
        assertField(http.get("/api/v1/audit-logs?from=2026-01-01", token), "from");
        assertField(http.get("/api/v1/audit-logs?from=2025-01-01T00:00:00Z&to=2025-06-01T00:00:00Z", token), "from");
        assertField(http.get("/api/v1/audit-logs?resource_type=" + "x".repeat(65), token), "resource_type");
        assertField(http.get("/api/v1/audit-logs?limit=-1", token), "limit");
    }

    @Test
    void theTableRefusesUpdatesAndDeletes(StoaPostgres.Database db, TestHttp http) throws SQLException {
        TestOrg org = TestOrg.create();
        SourceEvents.publish(
                Topics.AUDIT,
                org.id(),
                SourceEvents.audit(org.id(), "usr_1", "agent.created", "agent").build());
        awaitEntries(http, org.admin(), "", 1);
        String scoped = "select set_config('stoa.org_id', '" + org.id() + "', false)";
        try (Connection app = db.connectAsApp();
                Statement s = app.createStatement()) {
            s.execute(scoped);
            assertThatThrownBy(() -> s.executeUpdate("update audit_log set action = 'agent.forged'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_log"))
                    .hasMessageContaining("permission denied");
        }
        try (Connection owner = db.connectAsOwner();
                Statement s = owner.createStatement()) {
            s.execute(scoped);
            assertThatThrownBy(() -> s.executeUpdate("update audit_log set action = 'agent.forged'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_log")).hasMessageContaining("append-only");
        }
        assertThat(list(http, org.admin(), "")
                        .path("data")
                        .get(0)
                        .path("action")
                        .asString())
                .isEqualTo("agent.created");
    }

    private static JsonNode list(TestHttp http, String token, String query) {
        return Reads.ok(http, "/api/v1/audit-logs" + query, token);
    }

    private static JsonNode awaitEntries(TestHttp http, String token, String query, int count) {
        return Reads.awaiting(http, "/api/v1/audit-logs" + query, token, page -> assertThat(page.path("data"))
                .hasSize(count));
    }
}
