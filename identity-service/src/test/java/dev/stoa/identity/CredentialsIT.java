package dev.stoa.identity;

import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.identity.Api.Session;
import dev.stoa.proto.identity.v1.ExchangeApiKeyRequest;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenRequest;
import dev.stoa.proto.identity.v1.ExchangeSdkSecretRequest;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.PlatformToken;
import dev.stoa.test.MutableClock;
import dev.stoa.test.TestHttp.Response;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@IdentityServiceTest
class CredentialsIT {
    private final Api api;
    private final ManagedChannel channel;
    private final TestMailbox mailbox;

    CredentialsIT(Api api, ManagedChannel channel, TestMailbox mailbox) {
        this.api = api;
        this.channel = channel;
        this.mailbox = mailbox;
    }

    @Test
    void apiKeySecretIsShownOnceStoredHashedAndExchangedForAScopedToken() throws Exception {
        Session owner = api.registerFresh();

        Response created = api.post(
                "/api/v1/org/api-keys",
                owner.accessToken(),
                Map.of("name", "ci", "scopes", List.of("agents:read", "org:read"), "expires_in_days", 30));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().path("key").asString();
        String keyId = created.json().path("id").asString();
        assertThat(secret).startsWith("stoa_sk_");
        assertThat(created.json().path("expires_at").asString()).isNotBlank();

        Response list = api.get("/api/v1/org/api-keys", owner.accessToken());
        assertThat(list.body()).doesNotContain(secret).contains(keyId).contains(secret.substring(secret.length() - 4));
        try (Connection db = StoaPostgres.database("identity").connectAsOwner();
                var rows = db.createStatement()
                        .executeQuery("select secret_hash from api_keys where id = '" + keyId + "'")) {
            rows.next();
            assertThat(rows.getString(1)).hasSize(64).doesNotContain(secret);
        }

        PlatformToken token = asService()
                .exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(secret).build())
                .getToken();
        assertThat(token.getTokenType()).isEqualTo("api_key");
        assertThat(token.getOrgId()).isEqualTo(owner.orgId());
        assertThat(token.getScopesList()).containsExactlyInAnyOrder("agents:read", "org:read");
        assertThat(token.getSessionId()).isEqualTo(keyId);

        Response me = api.get("/api/v1/auth/me", token.getAccessToken());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("api_key_id").asString()).isEqualTo(keyId);
        assertThat(api.get("/api/v1/org", token.getAccessToken()).status()).isEqualTo(200);
        // The key lacks members:read, so identity refuses it too (defence in depth behind the gateway).
        assertThat(api.get("/api/v1/org/members", token.getAccessToken()).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/org/api-keys", owner.accessToken())
                        .json()
                        .path("data")
                        .get(0)
                        .path("last_used_at")
                        .asString())
                .isNotBlank();
    }

    @Test
    void revokedAndExpiredKeysCannotBeExchangedAndTheirTokensDie() throws Exception {
        Session owner = api.registerFresh();
        String revoked = createKey(owner, List.of("org:read"));
        String revokedId = keyIdOf(owner, revoked);
        PlatformToken live = asService()
                .exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(revoked).build())
                .getToken();

        assertThat(api.delete("/api/v1/org/api-keys/" + revokedId, owner.accessToken())
                        .status())
                .isEqualTo(204);

        assertExchangeFails(revoked, Status.Code.UNAUTHENTICATED);
        assertThat(api.get("/api/v1/org", live.getAccessToken()).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/org/api-keys", owner.accessToken()).body()).doesNotContain(revokedId);

        String expiring = createKey(owner, List.of("org:read"));
        try (Connection db = StoaPostgres.database("identity").connectAsOwner()) {
            // row-level security is forced: the owner too writes only rows of the org it sets
            db.createStatement().execute("select set_config('stoa.org_id', '" + owner.orgId() + "', false)");
            assertThat(db.createStatement()
                            .executeUpdate("update api_keys set expires_at = now() - interval '1 minute' where id = '"
                                    + keyIdOf(owner, expiring) + "'"))
                    .isEqualTo(1);
        }
        assertExchangeFails(expiring, Status.Code.UNAUTHENTICATED);
        assertExchangeFails("stoa_sk_" + "A".repeat(43), Status.Code.UNAUTHENTICATED);
        assertExchangeFails("not-a-key", Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aThirtyDayKeyWorksOnItsLastDayAndNotAfter(MutableClock clock) {
        Session owner = api.registerFresh();
        Response created = api.post(
                "/api/v1/org/api-keys",
                owner.accessToken(),
                Map.of("name", "month", "scopes", List.of("org:read"), "expires_in_days", 30));
        ExchangeApiKeyRequest exchange = ExchangeApiKeyRequest.newBuilder()
                .setApiKey(created.json().path("key").asString())
                .build();
        // The gateway's token is minted now: a token minted at a moved clock is not valid yet in real time.
        IdentityServiceBlockingStub gateway = asService();

        clock.advance(Duration.ofDays(30).minusMinutes(1));
        PlatformToken lastDay = gateway.exchangeApiKey(exchange).getToken();
        clock.advance(Duration.ofMinutes(2));

        assertThat(lastDay.getSessionId()).isEqualTo(created.json().path("id").asString());
        assertThatThrownBy(() -> gateway.exchangeApiKey(exchange))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo("invalid_api_key"));
    }

    @Test
    void idempotencyKeyReplaysTheFirstCreationInsteadOfMintingASecondKey() {
        Session owner = api.registerFresh();
        Map<String, Object> body = Map.of("name", "once", "scopes", List.of("org:read"));
        Map<String, String> key = Map.of("Idempotency-Key", "create-once-1");

        Response first = api.send("POST", "/api/v1/org/api-keys", owner.accessToken(), body, key);
        Response replay = api.send("POST", "/api/v1/org/api-keys", owner.accessToken(), body, key);
        Response changed = api.send(
                "POST",
                "/api/v1/org/api-keys",
                owner.accessToken(),
                Map.of("name", "other", "scopes", List.of("org:read")),
                key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().path("id")).isEqualTo(first.json().path("id"));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/org/api-keys", owner.accessToken())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void rejectsBadKeyRequests() {
        Session owner = api.registerFresh();

        Response unknownScope = api.post(
                "/api/v1/org/api-keys", owner.accessToken(), Map.of("name", "k", "scopes", List.of("root:everything")));
        Response noScopes =
                api.post("/api/v1/org/api-keys", owner.accessToken(), Map.of("name", "k", "scopes", List.of()));
        Response badExpiry = api.post(
                "/api/v1/org/api-keys",
                owner.accessToken(),
                Map.of("name", "k", "scopes", List.of("org:read"), "expires_in_days", 45));

        assertThat(unknownScope.status()).isEqualTo(400);
        assertThat(unknownScope.json().path("errors").get(0).path("field").asString())
                .isEqualTo("scopes[0]");
        assertThat(noScopes.status()).isEqualTo(400);
        assertThat(noScopes.field()).isEqualTo("scopes");
        assertThat(badExpiry.status()).isEqualTo(400);
        assertThat(badExpiry.json().path("errors").get(0).path("field").asString())
                .isEqualTo("expires_in_days");
        assertThat(api.get("/api/v1/org/api-keys", owner.accessToken()).json().path("data"))
                .as("no key was created")
                .isEmpty();
    }

    @Test
    void aKeyCannotMintAMorePowerfulKey() throws Exception {
        Session owner = api.registerFresh();
        String key = createKey(owner, List.of("credentials:write", "org:read"));
        String token = asService()
                .exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build())
                .getToken()
                .getAccessToken();

        Response escalate =
                api.post("/api/v1/org/api-keys", token, Map.of("name", "more", "scopes", List.of("members:write")));
        Response subset =
                api.post("/api/v1/org/api-keys", token, Map.of("name", "less", "scopes", List.of("org:read")));

        assertThat(escalate.status()).isEqualTo(403);
        assertThat(escalate.code()).isEqualTo("insufficient_scope");
        assertThat(subset.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/org/api-keys", owner.accessToken())
                        .json()
                        .path("data")
                        .valueStream()
                        .map(k -> k.path("name").asString()))
                .containsExactlyInAnyOrder("k", "less");
    }

    @Test
    void anotherOrgsKeysAndConnectionsAnswer404() {
        Session orgA = api.registerFresh();
        Session orgB = api.registerFresh();
        String keyOfB = keyIdOf(orgB, createKey(orgB, List.of("org:read")));
        String sdkOfB = api.post("/api/v1/org/sdk-connections", orgB.accessToken(), Map.of("name", "b"))
                .json()
                .path("id")
                .asString();

        Response key = api.delete("/api/v1/org/api-keys/" + keyOfB, orgA.accessToken());
        Response sdk = api.delete("/api/v1/org/sdk-connections/" + sdkOfB, orgA.accessToken());
        assertThat(key.status()).isEqualTo(404);
        assertThat(key.code()).isEqualTo("not_found");
        assertThat(sdk.status()).isEqualTo(404);
        assertThat(sdk.code()).isEqualTo("not_found");
        assertThat(api.get("/api/v1/org/api-keys", orgA.accessToken()).body()).doesNotContain(keyOfB);
        assertThat(api.get("/api/v1/org/sdk-connections", orgA.accessToken()).body())
                .doesNotContain(sdkOfB);
        assertThat(api.get("/api/v1/org/api-keys", orgB.accessToken()).body()).contains(keyOfB);
        assertThat(api.get("/api/v1/org/sdk-connections", orgB.accessToken()).body())
                .contains(sdkOfB);
    }

    @Test
    void sdkSecretExchangesForAnSdkTokenThatRestRefuses() throws Exception {
        Session owner = api.registerFresh();
        Response created = api.post("/api/v1/org/sdk-connections", owner.accessToken(), Map.of("name", "worker"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asString();
        assertThat(secret).startsWith("stoa_sdk_");
        assertThat(api.get("/api/v1/org/sdk-connections", owner.accessToken()).body())
                .doesNotContain(secret);

        PlatformToken token = asService()
                .exchangeSdkSecret(ExchangeSdkSecretRequest.newBuilder()
                        .setSdkSecret(secret)
                        .build())
                .getToken();
        assertThat(token.getTokenType()).isEqualTo("sdk");

        Response onRest = api.get("/api/v1/auth/me", token.getAccessToken());
        assertThat(onRest.status()).isEqualTo(401);
        assertThat(onRest.code()).isEqualTo("sdk_token_not_allowed");

        String id = created.json().path("id").asString();
        assertThat(api.delete("/api/v1/org/sdk-connections/" + id, owner.accessToken())
                        .status())
                .isEqualTo(204);
        assertThatThrownBy(() -> asService()
                        .exchangeSdkSecret(ExchangeSdkSecretRequest.newBuilder()
                                .setSdkSecret(secret)
                                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo("invalid_sdk_secret");
                });
    }

    @Test
    void onlyAdminsManageSdkConnectionsAndViewersCannotCreateKeys() {
        Session owner = api.registerFresh();
        String viewerToken = api.join(mailbox, owner, "viewer").accessToken();

        Response sdk = api.post("/api/v1/org/sdk-connections", viewerToken, Map.of("name", "x"));
        Response key =
                api.post("/api/v1/org/api-keys", viewerToken, Map.of("name", "x", "scopes", List.of("org:read")));
        assertThat(sdk.status()).isEqualTo(403);
        assertThat(sdk.code()).isEqualTo("insufficient_role");
        assertThat(key.status()).isEqualTo(403);
        assertThat(key.code()).isEqualTo("insufficient_role");
        assertThat(api.get("/api/v1/org/sdk-connections", owner.accessToken())
                        .json()
                        .path("data"))
                .isEmpty();
        Response keys = api.get("/api/v1/org/api-keys", viewerToken);
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.json().path("data")).isEmpty();
    }

    @Test
    void exchangeNeedsAServiceCallerAndServiceTokensNeedTheRightSecret() {
        Session owner = api.registerFresh();
        String key = createKey(owner, List.of("org:read"));
        IdentityServiceBlockingStub asUser =
                IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(owner.accessToken()));
        IdentityServiceBlockingStub anonymous = IdentityServiceGrpc.newBlockingStub(channel);

        assertGrpcCode(
                () -> asUser.exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build()),
                Status.Code.PERMISSION_DENIED,
                "service_only");
        assertGrpcCode(
                () -> anonymous.exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build()),
                Status.Code.UNAUTHENTICATED);
        assertGrpcCode(
                () -> anonymous.issueServiceToken(IssueServiceTokenRequest.newBuilder()
                        .setClientId("gateway")
                        .setClientSecret("wrong")
                        .build()),
                Status.Code.UNAUTHENTICATED,
                "invalid_client");
        assertGrpcCode(
                () -> asService()
                        .exchangeKeycloakToken(ExchangeKeycloakTokenRequest.newBuilder()
                                .setKeycloakToken("x")
                                .build()),
                Status.Code.FAILED_PRECONDITION,
                "keycloak_mode_disabled");
    }

    @Test
    void getOrgShowsAUserOnlyTheirOwnOrg() {
        Session orgA = api.registerFresh();
        Session orgB = api.registerFresh();
        IdentityServiceBlockingStub asA =
                IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(orgA.accessToken()));

        assertThat(asA.getOrg(GetOrgRequest.newBuilder().setOrgId(orgA.orgId()).build())
                        .getOrg()
                        .getId())
                .isEqualTo(orgA.orgId());
        assertGrpcCode(
                () -> asA.getOrg(
                        GetOrgRequest.newBuilder().setOrgId(orgB.orgId()).build()),
                Status.Code.NOT_FOUND,
                "not_found");
        assertThat(asService()
                        .getOrg(GetOrgRequest.newBuilder()
                                .setOrgId(orgB.orgId())
                                .build())
                        .getOrg()
                        .getId())
                .isEqualTo(orgB.orgId());
    }

    @Test
    void aKeyMintedByAKeyGetsAtMostItsParentsScopesAndExpiryAndDiesWithIt() throws Exception {
        Session owner = api.registerFresh();
        Response parent = api.post(
                "/api/v1/org/api-keys",
                owner.accessToken(),
                Map.of("name", "parent", "scopes", List.of("org:read", "credentials:write"), "expires_in_days", 30));
        String parentToken = exchange(parent.json().path("key").asString());

        Response wider = api.post(
                "/api/v1/org/api-keys", parentToken, Map.of("name", "wider", "scopes", List.of("members:read")));
        Response longer = api.post(
                "/api/v1/org/api-keys",
                parentToken,
                Map.of("name", "child", "scopes", List.of("org:read", "credentials:write"), "expires_in_days", 365));
        Response forever =
                api.post("/api/v1/org/api-keys", parentToken, Map.of("name", "forever", "scopes", List.of("org:read")));
        assertThat(wider.status()).isEqualTo(403);
        assertThat(wider.code()).isEqualTo("insufficient_scope");
        assertThat(longer.status()).as(longer.body()).isEqualTo(201);
        assertThat(forever.status()).isEqualTo(201);
        // capped at the parent's expiry, whatever was asked
        assertThat(longer.json().path("expires_at").asString())
                .isEqualTo(parent.json().path("expires_at").asString());
        assertThat(forever.json().path("expires_at").asString())
                .isEqualTo(parent.json().path("expires_at").asString());
        // a grandchild, to show the cascade goes all the way down
        String childToken = exchange(longer.json().path("key").asString());
        Response grandchild = api.post(
                "/api/v1/org/api-keys", childToken, Map.of("name", "grandchild", "scopes", List.of("org:read")));
        assertThat(grandchild.status()).as(grandchild.body()).isEqualTo(201);

        assertThat(api.delete("/api/v1/org/api-keys/" + parent.json().path("id").asString(), owner.accessToken())
                        .status())
                .isEqualTo(204);

        assertExchangeFails(longer.json().path("key").asString(), Status.Code.UNAUTHENTICATED);
        assertExchangeFails(forever.json().path("key").asString(), Status.Code.UNAUTHENTICATED);
        assertExchangeFails(grandchild.json().path("key").asString(), Status.Code.UNAUTHENTICATED);
        assertThat(api.get("/api/v1/org", childToken).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/org/api-keys", owner.accessToken()).json().path("data"))
                .isEmpty();
    }

    @Test
    void revokingAChildLeavesItsParentAlone() {
        Session owner = api.registerFresh();
        String parent = createKey(owner, List.of("org:read", "credentials:write"));
        Response child = api.post(
                "/api/v1/org/api-keys", exchange(parent), Map.of("name", "child", "scopes", List.of("org:read")));

        assertThat(api.delete("/api/v1/org/api-keys/" + child.json().path("id").asString(), owner.accessToken())
                        .status())
                .isEqualTo(204);

        assertThat(exchange(parent)).isNotBlank();
        assertExchangeFails(child.json().path("key").asString(), Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aKeyCreatedWithAnIdempotencyKeyIsReplayedButNeverKeptInPlaintext() throws Exception {
        Session owner = api.registerFresh();
        String idempotencyKey = "create-key-" + java.util.UUID.randomUUID();
        Map<String, Object> body = Map.of("name", "ci", "scopes", List.of("org:read"));
        Map<String, String> headers = Map.of("Idempotency-Key", idempotencyKey);

        Response created = api.send("POST", "/api/v1/org/api-keys", owner.accessToken(), body, headers);
        Response replayed = api.send("POST", "/api/v1/org/api-keys", owner.accessToken(), body, headers);

        String secret = created.json().path("key").asString();
        assertThat(secret).startsWith("stoa_sk_");
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().path("key").asString()).isEqualTo(secret);
        try (Connection db = StoaPostgres.database("identity").connectAsOwner();
                var query = db.prepareStatement(
                        "select body, body_sealed from stoa_idempotency_keys" + " where idempotency_key = ?")) {
            query.setString(1, idempotencyKey);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBytes(1)).isNull();
                assertThat(rows.getString(2)).startsWith("v1:").doesNotContain(secret);
            }
        }
        assertThat(api.get("/api/v1/org/api-keys", owner.accessToken()).json().path("data"))
                .hasSize(1);
    }

    @Test
    void anApiKeyNeverChangesAPasswordMailsOrAnswersInvites() {
        Session owner = api.registerFresh();
        String keyToken = exchange(createKey(owner, List.of("org:read", "members:read", "members:write")));

        Response change = api.post(
                "/api/v1/auth/change-password",
                keyToken,
                Map.of("current_password", Api.PASSWORD, "new_password", "Battery-Staple-77"));
        Response resend = api.post("/api/v1/auth/resend-verification", keyToken, null);
        Response invites = api.get("/api/v1/auth/invites", keyToken);
        Response accept = api.post("/api/v1/auth/invites/mem_01abc/accept", keyToken, null);

        for (Response refused : List.of(change, resend, invites, accept)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("not_a_session");
        }
        assertThat(api.post("/api/v1/auth/login", null, Map.of("email", owner.email(), "password", Api.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    /** A platform token for an API key, as the gateway gets it. */
    String exchange(String key) {
        return asService()
                .exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build())
                .getToken()
                .getAccessToken();
    }

    IdentityServiceBlockingStub asService() {
        String token = IdentityServiceGrpc.newBlockingStub(channel)
                .issueServiceToken(IssueServiceTokenRequest.newBuilder()
                        .setClientId("gateway")
                        .setClientSecret(Api.SERVICE_SECRET)
                        .build())
                .getToken()
                .getAccessToken();
        return IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token));
    }

    void assertExchangeFails(String key, Status.Code code) {
        IdentityServiceBlockingStub gateway = asService();
        assertGrpcCode(
                () -> gateway.exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build()),
                code,
                "invalid_api_key");
    }

    /** The call failed with this gRPC status and this Stoa error code (the specific failure, not any failure). */
    static void assertGrpcCode(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Status.Code code, String stoaCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(GrpcErrors.toStoaException(e).code()).isEqualTo(stoaCode);
        });
    }

    static void assertGrpcCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                        e.getStatus().getCode())
                .isEqualTo(code));
    }

    String createKey(Session owner, List<String> scopes) {
        Response created = api.post("/api/v1/org/api-keys", owner.accessToken(), Map.of("name", "k", "scopes", scopes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("key").asString();
    }

    String keyIdOf(Session owner, String secret) {
        return api.get("/api/v1/org/api-keys?limit=100", owner.accessToken())
                .json()
                .path("data")
                .valueStream()
                .filter(k -> k.path("preview").asString().endsWith(secret.substring(secret.length() - 4)))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
    }
}
