package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.common.auth.PublicEndpoints;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Accounts you can trust (issue 8), played through the gateway on the embedded default, mails read from its file
 * mailbox: the three attacks of the issue, each refused, every public identity endpoint reachable without a token, and
 * no secret in the platform's logs.
 */
class AccountsEndToEndIT {
    private static final String PASSWORD = SharedPlatform.PASSWORD;
    static EmbeddedPlatform platform;
    static TestHttp http;
    static EmbeddedMailbox mailbox;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = SharedPlatform.get();
        http = SharedPlatform.http();
        mailbox = new EmbeddedMailbox(platform.mailDirectory());
    }

    @Test
    void attackOneTheInviterNeverHoldsTheInviteesTokenOrPassword() {
        Account attacker = registerVerified();
        String victim = email();

        Response invite = http.post("/api/v1/org/members", attacker.token(), Map.of("email", victim, "role", "member"));
        assertThat(invite.status()).as(invite.body()).isEqualTo(201);
        assertThat(invite.body()).doesNotContain("stoa_inv_").doesNotContain("invite_token");
        // all the inviter can do is guess
        Response guessed = http.post(
                "/api/v1/auth/accept-invite",
                null,
                Map.of("invite_token", "stoa_inv_" + "A".repeat(43), "password", "Attacker-Horse-42"));
        assertThat(guessed.status()).isEqualTo(400);
        assertThat(guessed.code()).isEqualTo("invite_token_invalid");

        // the token went to the invitee's mailbox; the invitee chooses the password
        String token = mailbox.awaitToken(victim, 1);
        Response accepted = http.post(
                "/api/v1/auth/accept-invite", null, Map.of("invite_token", token, "password", PASSWORD, "name", "V"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("user").path("email_verified").asBoolean())
                .isTrue();
        assertThat(http.post("/api/v1/auth/login", null, Map.of("email", victim, "password", "Attacker-Horse-42"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void attackOneBisTheOwnerOfTheAddressReclaimsItFromASquatter() {
        String address = email();
        Response squatted = http.post(
                "/api/v1/auth/register",
                null,
                Map.of("email", address, "password", "Squatter-Horse-42", "name", "Squatter"));
        assertThat(squatted.status()).isEqualTo(201);
        assertThat(squatted.json().path("user").path("email_verified").asBoolean())
                .isFalse();
        String squatterToken = squatted.json().path("access_token").asString();
        String squatterKey = http.post(
                        "/api/v1/org/api-keys", squatterToken, Map.of("name", "k", "scopes", List.of("org:read")))
                .json()
                .path("key")
                .asString();
        assertThat(http.get("/api/v1/org", squatterKey).status()).isEqualTo(200);

        // the owner of the mailbox: forgot-password, the mailed link, a new password
        assertThat(http.post("/api/v1/auth/forgot-password", null, Map.of("email", address))
                        .status())
                .isEqualTo(202);
        String reset = mailbox.awaitToken(address, 2);
        assertThat(http.post("/api/v1/auth/reset-password", null, Map.of("token", reset, "password", PASSWORD))
                        .status())
                .isEqualTo(204);

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(http.get("/api/v1/org", squatterToken).status()).isEqualTo(401);
                    assertThat(http.get("/api/v1/org", squatterKey).status()).isEqualTo(401);
                });
        assertThat(http.post("/api/v1/auth/login", null, Map.of("email", address, "password", "Squatter-Horse-42"))
                        .status())
                .isEqualTo(401);
        Response owner = http.post("/api/v1/auth/login", null, Map.of("email", address, "password", PASSWORD));
        assertThat(owner.status()).isEqualTo(200);
        assertThat(owner.json().path("user").path("email_verified").asBoolean()).isTrue();
    }

    @Test
    void attackTwoAnExistingAccountJoinsOnlyByItsOwnConsent() {
        Account owner = registerVerified();
        Account invitee = registerVerified();

        Response invite =
                http.post("/api/v1/org/members", owner.token(), Map.of("email", invitee.email(), "role", "admin"));
        assertThat(invite.status()).isEqualTo(201);
        assertThat(invite.json().path("status").asString()).isEqualTo("invited");
        assertThat(loginTo(invitee.email(), owner.orgId()).status()).isEqualTo(401);

        JsonNode mine = http.get("/api/v1/auth/invites", invitee.token()).json().path("data");
        assertThat(mine).hasSize(1);
        String inviteId = mine.get(0).path("id").asString();
        assertThat(http.post("/api/v1/auth/invites/" + inviteId + "/accept", invitee.token(), null)
                        .status())
                .isEqualTo(204);
        Response joined = loginTo(invitee.email(), owner.orgId());
        assertThat(joined.status()).isEqualTo(200);
        assertThat(joined.json().path("role").asString()).isEqualTo("admin");
    }

    @Test
    void attackThreeEveryPublicIdentityEndpointIsPublicAtTheGateway() {
        JsonNode document = TestHttp.JSON.readTree(SharedPlatform.completeDocument(platform));
        Set<String> documentedPublic = new HashSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    JsonNode security = op.getValue().path("security");
                    if (security.isArray() && security.isEmpty() && !isGatewayOwn(path.getKey())) {
                        documentedPublic.add(op.getKey().toUpperCase() + " " + path.getKey());
                    }
                }));
        // the document the services publish and the list the gateway lets through are the same list
        assertThat(documentedPublic).containsExactlyInAnyOrderElementsOf(PublicEndpoints.IDENTITY);

        for (String endpoint : PublicEndpoints.IDENTITY) {
            String method = PublicEndpoints.method(endpoint);
            String path = PublicEndpoints.path(endpoint);
            Response response = http.send(method, path, null, method.equals("GET") ? null : Map.of(), Map.of());
            assertThat(response.status())
                    .as(endpoint + " answered " + response.body())
                    .isNotIn(401, 403)
                    .isLessThan(500);
        }
    }

    @Test
    void noSecretTheSuiteCreatedIsInThePlatformsLogs() throws Exception {
        List<String> secrets = new ArrayList<>();
        String address = email();
        String password = "Log-Scan-" + UUID.randomUUID();
        String wrongPassword = "Wrong-Scan-" + UUID.randomUUID();
        Response registered = http.post(
                "/api/v1/auth/register", null, Map.of("email", address, "password", password, "name", "Scan"));
        String access = registered.json().path("access_token").asString();
        String refresh = registered.json().path("refresh_token").asString();
        http.post("/api/v1/auth/login", null, Map.of("email", address, "password", wrongPassword));
        String refreshed = http.post("/api/v1/auth/refresh", null, Map.of("refresh_token", refresh))
                .json()
                .path("access_token")
                .asString();
        String verify = mailbox.awaitToken(address, 1);
        http.post("/api/v1/auth/verify-email", null, Map.of("token", verify));
        String apiKey = http.post(
                        "/api/v1/org/api-keys",
                        refreshed,
                        Map.of("name", "scan", "scopes", List.of("org:read", "providers:write")))
                .json()
                .path("key")
                .asString();
        http.get("/api/v1/org", apiKey);
        String sdkSecret = http.post("/api/v1/org/sdk-connections", refreshed, Map.of("name", "scan"))
                .json()
                .path("secret")
                .asString();
        String providerKey = "sk-scan-" + UUID.randomUUID();
        Response provider = http.post(
                "/api/v1/providers",
                refreshed,
                Map.of(
                        "name",
                        "scan",
                        "kind",
                        "openai_compatible",
                        "base_url",
                        "http://127.0.0.1:9/v1",
                        "api_key",
                        providerKey));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        String invitee = email();
        http.post("/api/v1/org/members", refreshed, Map.of("email", invitee, "role", "viewer"));
        String invite = mailbox.awaitToken(invitee, 1);
        http.post("/api/v1/auth/accept-invite", null, Map.of("invite_token", invite, "password", password));
        http.post("/api/v1/auth/forgot-password", null, Map.of("email", address));
        String reset = mailbox.awaitToken(address, 2);
        http.post("/api/v1/auth/reset-password", null, Map.of("token", reset, "password", password + "-2"));
        secrets.addAll(List.of(password, wrongPassword, access, refresh, refreshed, apiKey, sdkSecret, providerKey));
        List<String> mailTokens = List.of(verify, invite, reset);
        for (String secret : secrets) {
            assertThat(secret).hasSizeGreaterThan(10);
        }

        // the last mails' log lines (no secret in them) are written: what came before them is in the logs too
        Path identityLog = platform.logDirectory().resolve("identity-service.log");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(identityLog).contains("password-reset to " + address));
        List<Path> logs;
        try (Stream<Path> files = Files.walk(platform.logDirectory())) {
            logs = files.filter(Files::isRegularFile).toList();
        }
        assertThat(logs).isNotEmpty();
        for (Path log : logs) {
            List<String> lines = Files.readAllLines(log);
            for (String secret : secrets) {
                assertThat(lines).as(log + " holds a secret").noneMatch(line -> line.contains(secret));
            }
            // a mail's one-time link is logged on purpose in the embedded default, on its one line and nowhere else
            for (String token : mailTokens) {
                assertThat(lines)
                        .filteredOn(line -> line.contains(token))
                        .allMatch(line -> line.contains("mail ") && line.contains("?token=" + token));
            }
        }
    }

    private static boolean isGatewayOwn(String path) {
        return List.of("/health", "/openapi.json", "/docs", "/redoc").contains(path);
    }

    private static Response loginTo(String email, String orgId) {
        return http.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD, "org_id", orgId));
    }

    /** Registers through the gateway and verifies the address with the mailed link. */
    static Account registerVerified() {
        String email = email();
        Response registered =
                http.post("/api/v1/auth/register", null, Map.of("email", email, "password", PASSWORD, "name", "User"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        Response verified = http.post("/api/v1/auth/verify-email", null, Map.of("token", mailbox.awaitToken(email, 1)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return new Account(
                email,
                registered.json().path("access_token").asString(),
                registered.json().path("org").path("id").asString());
    }

    static String email() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    record Account(String email, String token, String orgId) {
        @Override
        public String toString() {
            return "Account[" + email + "]";
        }
    }
}
