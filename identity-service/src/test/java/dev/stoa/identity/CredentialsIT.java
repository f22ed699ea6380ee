package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.identity.Api.Session;
import dev.stoa.proto.identity.v1.ExchangeApiKeyRequest;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenRequest;
import dev.stoa.proto.identity.v1.ExchangeSdkSecretRequest;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.PlatformToken;
import dev.stoa.test.TestHttp.Response;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CredentialsIT extends IdentityTestBase {
    static ManagedChannel channel;

    @BeforeAll
    static void openChannel() {
        channel = InProcessChannelBuilder.forName(GRPC_NAME).directExecutor().build();
    }

    @AfterAll
    static void closeChannel() {
        channel.shutdownNow();
    }

    @Test
    void apiKeySecretIsShownOnceStoredHashedAndExchangedForAScopedToken() throws Exception {
        Session owner = register();

        Response created = api().post(
                        "/api/v1/org/api-keys",
                        owner.accessToken(),
                        Map.of("name", "ci", "scopes", List.of("agents:read", "org:read"), "expires_in_days", 30));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().path("key").asString();
        String keyId = created.json().path("id").asString();
        assertThat(secret).startsWith("stoa_sk_");
        assertThat(created.json().path("expires_at").asString()).isNotBlank();

        Response list = api().get("/api/v1/org/api-keys", owner.accessToken());
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

        Response me = api().get("/api/v1/auth/me", token.getAccessToken());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("api_key_id").asString()).isEqualTo(keyId);
        assertThat(api().get("/api/v1/org", token.getAccessToken()).status()).isEqualTo(200);
        // The key lacks members:read, so identity refuses it too (defence in depth behind the gateway).
        assertThat(api().get("/api/v1/org/members", token.getAccessToken()).status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/org/api-keys", owner.accessToken())
                        .json()
                        .path("data")
                        .get(0)
                        .path("last_used_at")
                        .asString())
                .isNotBlank();
    }

    @Test
    void revokedAndExpiredKeysCannotBeExchangedAndTheirTokensDie() throws Exception {
        Session owner = register();
        String revoked = createKey(owner, List.of("org:read"));
        String revokedId = keyIdOf(owner, revoked);
        PlatformToken live = asService()
                .exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(revoked).build())
                .getToken();

        assertThat(api().delete("/api/v1/org/api-keys/" + revokedId, owner.accessToken())
                        .status())
                .isEqualTo(204);

        assertExchangeFails(revoked, Status.Code.UNAUTHENTICATED);
        assertThat(api().get("/api/v1/org", live.getAccessToken()).status()).isEqualTo(401);
        assertThat(api().get("/api/v1/org/api-keys", owner.accessToken()).body())
                .doesNotContain(revokedId);

        String expiring = createKey(owner, List.of("org:read"));
        try (Connection db = StoaPostgres.database("identity").connectAsOwner()) {
            db.createStatement()
                    .executeUpdate("update api_keys set expires_at = now() - interval '1 minute' where id = '"
                            + keyIdOf(owner, expiring) + "'");
        }
        assertExchangeFails(expiring, Status.Code.UNAUTHENTICATED);
        assertExchangeFails("stoa_sk_" + "A".repeat(43), Status.Code.UNAUTHENTICATED);
        assertExchangeFails("not-a-key", Status.Code.UNAUTHENTICATED);
    }

    @Test
    void idempotencyKeyReplaysTheFirstCreationInsteadOfMintingASecondKey() {
        Session owner = register();
        Map<String, Object> body = Map.of("name", "once", "scopes", List.of("org:read"));
        Map<String, String> key = Map.of("Idempotency-Key", "create-once-1");

        Response first = api().send("POST", "/api/v1/org/api-keys", owner.accessToken(), body, key);
        Response replay = api().send("POST", "/api/v1/org/api-keys", owner.accessToken(), body, key);
        Response changed = api().send(
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
        assertThat(api().get("/api/v1/org/api-keys", owner.accessToken())
                        .json()
                        .path("data")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void rejectsBadKeyRequests() {
        Session owner = register();

        Response unknownScope = api().post(
                        "/api/v1/org/api-keys",
                        owner.accessToken(),
                        Map.of("name", "k", "scopes", List.of("root:everything")));
        Response noScopes =
                api().post("/api/v1/org/api-keys", owner.accessToken(), Map.of("name", "k", "scopes", List.of()));
        Response badExpiry = api().post(
                        "/api/v1/org/api-keys",
                        owner.accessToken(),
                        Map.of("name", "k", "scopes", List.of("org:read"), "expires_in_days", 45));

        assertThat(unknownScope.status()).isEqualTo(400);
        assertThat(unknownScope.json().path("errors").get(0).path("field").asString())
                .isEqualTo("scopes[0]");
        assertThat(noScopes.status()).isEqualTo(400);
        assertThat(badExpiry.status()).isEqualTo(400);
        assertThat(badExpiry.json().path("errors").get(0).path("field").asString())
                .isEqualTo("expires_in_days");
    }

    @Test
    void aKeyCannotMintAMorePowerfulKey() throws Exception {
        Session owner = register();
        String key = createKey(owner, List.of("credentials:write", "org:read"));
        String token = asService()
                .exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build())
                .getToken()
                .getAccessToken();

        Response escalate =
                api().post("/api/v1/org/api-keys", token, Map.of("name", "more", "scopes", List.of("members:write")));
        Response subset =
                api().post("/api/v1/org/api-keys", token, Map.of("name", "less", "scopes", List.of("org:read")));

        assertThat(escalate.status()).isEqualTo(403);
        assertThat(subset.status()).isEqualTo(201);
    }

    @Test
    void anotherOrgsKeysAndConnectionsAnswer404() {
        Session orgA = register();
        Session orgB = register();
        String keyOfB = keyIdOf(orgB, createKey(orgB, List.of("org:read")));
        String sdkOfB = api().post("/api/v1/org/sdk-connections", orgB.accessToken(), Map.of("name", "b"))
                .json()
                .path("id")
                .asString();

        assertThat(api().delete("/api/v1/org/api-keys/" + keyOfB, orgA.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/api/v1/org/sdk-connections/" + sdkOfB, orgA.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/api/v1/org/api-keys", orgA.accessToken()).body()).doesNotContain(keyOfB);
        assertThat(api().get("/api/v1/org/sdk-connections", orgA.accessToken()).body())
                .doesNotContain(sdkOfB);
        assertThat(api().get("/api/v1/org/api-keys", orgB.accessToken()).body()).contains(keyOfB);
    }

    @Test
    void sdkSecretExchangesForAnSdkTokenThatRestRefuses() throws Exception {
        Session owner = register();
        Response created = api().post("/api/v1/org/sdk-connections", owner.accessToken(), Map.of("name", "worker"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asString();
        assertThat(secret).startsWith("stoa_sdk_");
        assertThat(api().get("/api/v1/org/sdk-connections", owner.accessToken()).body())
                .doesNotContain(secret);

        PlatformToken token = asService()
                .exchangeSdkSecret(ExchangeSdkSecretRequest.newBuilder()
                        .setSdkSecret(secret)
                        .build())
                .getToken();
        assertThat(token.getTokenType()).isEqualTo("sdk");

        Response onRest = api().get("/api/v1/auth/me", token.getAccessToken());
        assertThat(onRest.status()).isEqualTo(401);
        assertThat(onRest.code()).isEqualTo("sdk_token_not_allowed");

        String id = created.json().path("id").asString();
        assertThat(api().delete("/api/v1/org/sdk-connections/" + id, owner.accessToken())
                        .status())
                .isEqualTo(204);
        assertThatThrownBy(() -> asService()
                        .exchangeSdkSecret(ExchangeSdkSecretRequest.newBuilder()
                                .setSdkSecret(secret)
                                .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void onlyAdminsManageSdkConnectionsAndViewersCannotCreateKeys() {
        Session owner = register();
        Session viewer = register();
        api().post("/api/v1/org/members", owner.accessToken(), Map.of("email", viewer.email(), "role", "viewer"));
        String viewerToken = api().post(
                        "/api/v1/auth/login",
                        null,
                        Map.of("email", viewer.email(), "password", Api.PASSWORD, "org_id", owner.orgId()))
                .json()
                .path("access_token")
                .asString();

        assertThat(api().post("/api/v1/org/sdk-connections", viewerToken, Map.of("name", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(api().post("/api/v1/org/api-keys", viewerToken, Map.of("name", "x", "scopes", List.of("org:read")))
                        .status())
                .isEqualTo(403);
        assertThat(api().get("/api/v1/org/api-keys", viewerToken).status()).isEqualTo(200);
    }

    @Test
    void exchangeNeedsAServiceCallerAndServiceTokensNeedTheRightSecret() {
        Session owner = register();
        String key = createKey(owner, List.of("org:read"));
        IdentityServiceBlockingStub asUser =
                IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(owner.accessToken()));
        IdentityServiceBlockingStub anonymous = IdentityServiceGrpc.newBlockingStub(channel);

        assertGrpcCode(
                () -> asUser.exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build()),
                Status.Code.PERMISSION_DENIED);
        assertGrpcCode(
                () -> anonymous.exchangeApiKey(
                        ExchangeApiKeyRequest.newBuilder().setApiKey(key).build()),
                Status.Code.UNAUTHENTICATED);
        assertGrpcCode(
                () -> anonymous.issueServiceToken(IssueServiceTokenRequest.newBuilder()
                        .setClientId("gateway")
                        .setClientSecret("wrong")
                        .build()),
                Status.Code.UNAUTHENTICATED);
        assertGrpcCode(
                () -> asService()
                        .exchangeKeycloakToken(ExchangeKeycloakTokenRequest.newBuilder()
                                .setKeycloakToken("x")
                                .build()),
                Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void getOrgShowsAUserOnlyTheirOwnOrg() {
        Session orgA = register();
        Session orgB = register();
        IdentityServiceBlockingStub asA =
                IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(orgA.accessToken()));

        assertThat(asA.getOrg(GetOrgRequest.newBuilder().setOrgId(orgA.orgId()).build())
                        .getOrg()
                        .getId())
                .isEqualTo(orgA.orgId());
        assertGrpcCode(
                () -> asA.getOrg(
                        GetOrgRequest.newBuilder().setOrgId(orgB.orgId()).build()),
                Status.Code.NOT_FOUND);
        assertThat(asService()
                        .getOrg(GetOrgRequest.newBuilder()
                                .setOrgId(orgB.orgId())
                                .build())
                        .getOrg()
                        .getId())
                .isEqualTo(orgB.orgId());
    }

    static IdentityServiceBlockingStub asService() {
        String token = IdentityServiceGrpc.newBlockingStub(channel)
                .issueServiceToken(IssueServiceTokenRequest.newBuilder()
                        .setClientId("gateway")
                        .setClientSecret(SERVICE_SECRET)
                        .build())
                .getToken()
                .getAccessToken();
        return IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token));
    }

    static io.grpc.ClientInterceptor bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }

    static void assertExchangeFails(String key, Status.Code code) {
        assertGrpcCode(
                () -> asService()
                        .exchangeApiKey(ExchangeApiKeyRequest.newBuilder()
                                .setApiKey(key)
                                .build()),
                code);
    }

    static void assertGrpcCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Status.Code code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(
                        e.getStatus().getCode())
                .isEqualTo(code));
    }

    String createKey(Session owner, List<String> scopes) {
        Response created =
                api().post("/api/v1/org/api-keys", owner.accessToken(), Map.of("name", "k", "scopes", scopes));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("key").asString();
    }

    String keyIdOf(Session owner, String secret) {
        return api().get("/api/v1/org/api-keys?limit=100", owner.accessToken())
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
