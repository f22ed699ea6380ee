package dev.stoa.identity;

import static dev.stoa.identity.CredentialsIT.assertGrpcCode;
import static dev.stoa.test.service.GrpcChannelExtension.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.embedded.StoaPostgres;
import dev.stoa.identity.Api.Session;
import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.ListRevokedCredentialsRequest;
import dev.stoa.proto.identity.v1.ListRevokedCredentialsResponse;
import dev.stoa.revocation.IdentityRevocationSource;
import dev.stoa.test.TestHttp.Response;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ListRevokedCredentials: identity's record of revocations still within a token's life, for rebuilding lists. */
@IdentityServiceTest
class RevokedCredentialsIT {
    private final Api api;
    private final ManagedChannel channel;

    RevokedCredentialsIT(Api api, ManagedChannel channel) {
        this.api = api;
        this.channel = channel;
    }

    @Test
    void listsRevokedSessionsAndKeysPagedOldestFirstUntilTheirTokensHaveExpired() throws Exception {
        Session owner = api.registerFresh();
        Session other = api.login(owner.email(), owner.orgId());
        Response created = api.post(
                "/api/v1/org/api-keys",
                owner.accessToken(),
                Map.of("name", "ci", "scopes", List.of("org:read"), "expires_in_days", 30));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String keyId = created.json().path("id").asString();
        String secret = created.json().path("key").asString();
        Session live = api.login(owner.email(), owner.orgId());

        assertThat(api.post("/api/v1/auth/logout", other.accessToken(), Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/v1/org/api-keys/" + keyId, owner.accessToken())
                        .status())
                .isEqualTo(204);

        List<CredentialRevoked> all = listAll(2);
        CredentialRevoked session = find(all, other.sessionId());
        assertThat(session.getKind()).isEqualTo("session");
        assertThat(session.getOrgId()).isEqualTo(owner.orgId());
        assertThat(session.getCredentialHash()).isEmpty();
        // a session's tokens live at most an access token's lifetime (15 min) after its revocation
        assertThat(session.getForgetAfter().getSeconds()
                        - session.getRevokedAt().getSeconds())
                .isEqualTo(Duration.ofMinutes(15).toSeconds());
        CredentialRevoked key = find(all, keyId);
        assertThat(key.getKind()).isEqualTo("api_key");
        assertThat(key.getCredentialHash()).isEqualTo(sha256Hex(secret));
        assertThat(all).extracting(CredentialRevoked::getSessionId).doesNotContain(live.sessionId());
        // oldest first, each entry once across the pages
        assertThat(all)
                .extracting(r -> r.getRevokedAt().getSeconds() * 1_000_000_000L
                        + r.getRevokedAt().getNanos())
                .isSorted();
        assertThat(new HashSet<>(
                        all.stream().map(CredentialRevoked::getSessionId).toList()))
                .hasSize(all.size());

        // once every token of the session has expired, identity no longer lists it
        try (Connection db = StoaPostgres.database("identity").connectAsOwner();
                var statement = db.prepareStatement(
                        "update sessions set revoked_at = now() - interval '16 minutes' where id = ?")) {
            // row-level security is forced: the owner too writes only rows of the org it sets
            db.createStatement().execute("select set_config('stoa.org_id', '" + owner.orgId() + "', false)");
            statement.setString(1, other.sessionId());
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
        assertThat(listAll(500)).extracting(CredentialRevoked::getSessionId).doesNotContain(other.sessionId());
    }

    @Test
    void theSharedRevocationClientReadsEveryPage() {
        Session owner = api.registerFresh();
        Session other = api.login(owner.email(), owner.orgId());
        assertThat(api.post("/api/v1/auth/logout", other.accessToken(), Map.of())
                        .status())
                .isEqualTo(204);
        List<CredentialRevoked> read = new ArrayList<>();
        IdentityRevocationSource source = new IdentityRevocationSource(
                () -> ClientInterceptors.intercept(channel, bearer(serviceToken())), Duration.ofSeconds(5));

        int count = source.readAll(read::add);

        assertThat(count).isEqualTo(read.size());
        assertThat(read).extracting(CredentialRevoked::getSessionId).contains(other.sessionId());
    }

    @Test
    void onlyServicesMayListAndBadPagesAreRefused() {
        Session user = api.registerFresh();
        IdentityServiceBlockingStub asUser =
                IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(user.accessToken()));
        assertGrpcCode(
                () -> asUser.listRevokedCredentials(ListRevokedCredentialsRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED,
                "service_only");
        assertGrpcCode(
                () -> asService()
                        .listRevokedCredentials(ListRevokedCredentialsRequest.newBuilder()
                                .setPageSize(1001)
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "validation_failed");
        assertGrpcCode(
                () -> asService()
                        .listRevokedCredentials(ListRevokedCredentialsRequest.newBuilder()
                                .setPageToken("not-a-token")
                                .build()),
                Status.Code.INVALID_ARGUMENT,
                "validation_failed");
    }

    private List<CredentialRevoked> listAll(int pageSize) {
        IdentityServiceBlockingStub service = asService();
        List<CredentialRevoked> all = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        String token = "";
        do {
            ListRevokedCredentialsResponse page =
                    service.listRevokedCredentials(ListRevokedCredentialsRequest.newBuilder()
                            .setPageSize(pageSize)
                            .setPageToken(token)
                            .build());
            assertThat(page.getRevokedCount()).isLessThanOrEqualTo(pageSize);
            all.addAll(page.getRevokedList());
            token = page.getNextPageToken();
            assertThat(tokens.add(token)).as("page tokens advance").isTrue();
        } while (!token.isEmpty());
        return all;
    }

    private static CredentialRevoked find(List<CredentialRevoked> all, String id) {
        return all.stream()
                .filter(r -> r.getSessionId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not listed"));
    }

    private IdentityServiceBlockingStub asService() {
        return IdentityServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(serviceToken()));
    }

    private String serviceToken() {
        return IdentityServiceGrpc.newBlockingStub(channel)
                .issueServiceToken(IssueServiceTokenRequest.newBuilder()
                        .setClientId("gateway")
                        .setClientSecret(Api.SERVICE_SECRET)
                        .build())
                .getToken()
                .getAccessToken();
    }

    private static String sha256Hex(String value) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        return String.format("%064x", new BigInteger(1, digest));
    }
}
