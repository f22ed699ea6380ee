package dev.stoa.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.service.RowLevelSecurityAssertions;
import dev.stoa.test.service.TestOrg;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The app role sees one org's rows even where a query forgets to filter, and no rows with no org set. */
@AgentServiceTest
class RowLevelSecurityIT {
    private final AgentApi api;

    RowLevelSecurityIT(AgentApi api) {
        this.api = api;
    }

    @Test
    void appRoleSeesOnlyTheOrgItIsSetTo() throws Exception {
        TestOrg org = TestOrg.create();
        api.agentOn(org, api.fakeProvider(org));
        TestOrg other = TestOrg.create();
        api.agentOn(other, api.fakeProvider(other));

        try (Connection db = StoaPostgres.database("agent").connectAsApp()) {
            for (String table : List.of("agents", "agent_versions", "providers")) {
                assertThat(count(db, table)).as(table + " with no org").isZero();
            }
            AgentsIT.asOrg(db, org.id());
            assertThat(count(db, "agents")).isEqualTo(1);
            assertThat(count(db, "providers")).isEqualTo(1);
            try (Statement statement = db.createStatement()) {
                assertThat(statement.executeUpdate("update agents set status = 'paused'"))
                        .isEqualTo(1);
            }
        }
        assertThat(api.get("/api/v1/agents?status=paused", org.viewer()).json().path("data"))
                .hasSize(1);
    }

    @Test
    void versionsCannotBeRewrittenByTheService() throws Exception {
        TestOrg org = TestOrg.create();
        api.agentOn(org, api.fakeProvider(org));
        try (Connection db = StoaPostgres.database("agent").connectAsApp()) {
            AgentsIT.asOrg(db, org.id());
            try (Statement statement = db.createStatement()) {
                assertThatThrownBy(() -> statement.executeUpdate("update agent_versions set config = '{}'"))
                        .hasMessageContaining("permission denied");
            }
        }
    }

    private static int count(Connection db, String table) throws Exception {
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    void everyTenantTableIsForcedAndTheServiceRunsAsNeitherOwnerNorBypasser() {
        RowLevelSecurityAssertions.assertTenantTablesForced(StoaPostgres.database("agent"));
    }
}
