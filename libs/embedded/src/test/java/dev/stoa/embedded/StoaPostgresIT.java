package dev.stoa.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoaPostgresIT {

    @Test
    void sameServiceNameReturnsTheSameDatabaseAndFreshOnesDiffer() {
        StoaPostgres.Database first = StoaPostgres.database("fixture");

        assertThat(StoaPostgres.database("fixture")).isSameAs(first);
        assertThat(StoaPostgres.instance()).isSameAs(StoaPostgres.instance());
        assertThat(StoaPostgres.freshDatabase("fixture").jdbcUrl()).isNotEqualTo(first.jdbcUrl());
        assertThat(first.springProperties())
                .containsEntry("spring.datasource.username", "stoa_fixture_app")
                .containsEntry("spring.liquibase.user", "stoa_fixture_owner")
                .containsEntry("spring.liquibase.parameters.app_role", "stoa_fixture_app");
        assertThat(first.toString()).doesNotContain(first.appPassword());
    }

    @Test
    void appRoleCannotBypassRowLevelSecurity() throws SQLException {
        StoaPostgres.Database db = StoaPostgres.freshDatabase("rls");
        try (Connection owner = db.connectAsOwner();
                Statement sql = owner.createStatement()) {
            sql.execute("CREATE TABLE notes (org_id text NOT NULL, body text NOT NULL)");
            sql.execute("ALTER TABLE notes ENABLE ROW LEVEL SECURITY");
            sql.execute("ALTER TABLE notes FORCE ROW LEVEL SECURITY");
            sql.execute("CREATE POLICY tenant ON notes USING (org_id = current_setting('stoa.org_id', true))"
                    + " WITH CHECK (org_id = current_setting('stoa.org_id', true))");
            sql.execute("GRANT SELECT, INSERT ON notes TO " + db.appUser());
        }

        try (Connection app = db.connectAsApp();
                Statement sql = app.createStatement()) {
            sql.execute("SELECT set_config('stoa.org_id', 'org_a', false)");
            sql.execute("INSERT INTO notes VALUES ('org_a', 'mine')");
            assertSqlState(
                    () -> sql.execute("INSERT INTO notes VALUES ('org_b', 'smuggled')"),
                    "42501",
                    "new row violates row-level security policy");
            sql.execute("SELECT set_config('stoa.org_id', 'org_b', false)");
            sql.execute("INSERT INTO notes VALUES ('org_b', 'theirs')");

            sql.execute("SELECT set_config('stoa.org_id', 'org_a', false)");
            assertThat(bodies(sql, "SELECT body FROM notes")).containsExactly("mine");
            sql.execute("SELECT set_config('stoa.org_id', '', false)");
            assertThat(bodies(sql, "SELECT body FROM notes")).isEmpty();
            // Neither switching RLS off nor taking ownership is open to the app role.
            assertSqlState(
                    () -> sql.execute("SET row_security = off; SELECT body FROM notes"),
                    "42501",
                    "query would be affected by row-level security policy");
            assertSqlState(
                    () -> sql.execute("ALTER TABLE notes DISABLE ROW LEVEL SECURITY"),
                    "42501",
                    "must be owner of table notes");
            sql.execute("SELECT set_config('stoa.org_id', 'org_a', false)");
            assertThat(bodies(sql, "SELECT body FROM notes")).containsExactly("mine");
        }
    }

    @Test
    void rejectsAWrongPassword() {
        StoaPostgres.Database db = StoaPostgres.database("fixture");

        assertSqlState(
                () -> DriverManager.getConnection(db.jdbcUrl(), db.appUser(), "wrong"),
                "28P01",
                "password authentication failed for user \"" + db.appUser() + "\"");
    }

    @Test
    void persistentServerKeepsDataAndReissuesPasswordsAfterARestart(@TempDir Path dataDir) throws SQLException {
        StoaPostgres.Database before;
        try (StoaPostgres server = StoaPostgres.startPersistent(dataDir, 0)) {
            before = server.ensureDatabase("launcher");
            try (Connection owner = before.connectAsOwner();
                    Statement sql = owner.createStatement()) {
                sql.execute("CREATE TABLE kept (id int)");
                sql.execute("INSERT INTO kept VALUES (42)");
            }
        }

        try (StoaPostgres server = StoaPostgres.startPersistent(dataDir, 0)) {
            StoaPostgres.Database after = server.ensureDatabase("launcher");
            try (Connection owner = after.connectAsOwner();
                    Statement sql = owner.createStatement()) {
                assertThat(bodies(sql, "SELECT id::text FROM kept")).containsExactly("42");
            }
            assertThat(after.ownerPassword()).isNotEqualTo(before.ownerPassword());
        }
    }

    /** The call failed in PostgreSQL with this SQLSTATE and message, not with just any SQL error. */
    private static void assertSqlState(ThrowingCallable call, String sqlState, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(sqlState);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static List<String> bodies(Statement sql, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }
}
