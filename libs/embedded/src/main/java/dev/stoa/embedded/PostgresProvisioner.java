package dev.stoa.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/** Creates (or re-keys) a database with its owner and app roles, as the superuser. */
final class PostgresProvisioner {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StoaPostgres.Server server;

    PostgresProvisioner(StoaPostgres.Server server) {
        this.server = server;
    }

    /**
     * Superuser logins need no password but only from this machine (zonky's readiness probe connects without
     * one); every other role must present its password, so tests see the same authentication as production.
     */
    static void requirePasswords(File dataDir) {
        String hba = """
                local all all trust
                host all postgres 127.0.0.1/32 trust
                host all postgres ::1/128 trust
                host all all 127.0.0.1/32 scram-sha-256
                host all all ::1/128 scram-sha-256
                """;
        try {
            Files.writeString(dataDir.toPath().resolve("pg_hba.conf"), hba);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf", e);
        }
    }

    StoaPostgres.Database provision(String database) {
        String owner = database + "_owner";
        String app = database + "_app";
        String ownerPassword = password();
        String appPassword = password();
        try (Connection admin = server.superConnection("postgres");
                Statement sql = admin.createStatement()) {
            upsertRole(sql, owner, ownerPassword);
            upsertRole(sql, app, appPassword);
            if (!exists(admin, database)) {
                sql.execute("CREATE DATABASE " + database + " OWNER " + owner);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
        try (Connection admin = server.superConnection(database);
                Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + database + " OWNER TO " + owner);
            sql.execute("ALTER SCHEMA public OWNER TO " + owner);
            sql.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            sql.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + app);
            // Table and sequence privileges come from each service's changelog (${app_role}), as in production.
            sql.execute("GRANT USAGE ON SCHEMA public TO " + app);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database " + database, e);
        }
        return new StoaPostgres.Database(server.jdbcUrl(database), owner, ownerPassword, app, appPassword);
    }

    private static void upsertRole(Statement sql, String role, String password) throws SQLException {
        // Names are checked against [a-z][a-z0-9_]* and passwords are base64url, so plain concatenation is safe.
        sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                + "CREATE ROLE " + role + "; END IF; END $$");
        sql.execute("ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                + " NOBYPASSRLS PASSWORD '" + password + "'");
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String password() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
