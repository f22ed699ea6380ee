package dev.stoa.identity.api.grpc;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.page.Page;
import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.identity.domain.ApiKeyService;
import dev.stoa.identity.domain.ExternalTokenExchange;
import dev.stoa.identity.domain.OrgService;
import dev.stoa.identity.domain.RevocationLog;
import dev.stoa.identity.domain.SdkConnectionService;
import dev.stoa.identity.domain.ServiceTokens;
import dev.stoa.identity.domain.model.Exchanged;
import dev.stoa.identity.domain.model.Org;
import dev.stoa.identity.domain.model.Revocation;
import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.proto.identity.v1.ExchangeApiKeyRequest;
import dev.stoa.proto.identity.v1.ExchangeApiKeyResponse;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenRequest;
import dev.stoa.proto.identity.v1.ExchangeKeycloakTokenResponse;
import dev.stoa.proto.identity.v1.ExchangeSdkSecretRequest;
import dev.stoa.proto.identity.v1.ExchangeSdkSecretResponse;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.GetOrgResponse;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.IssueServiceTokenResponse;
import dev.stoa.proto.identity.v1.ListRevokedCredentialsRequest;
import dev.stoa.proto.identity.v1.ListRevokedCredentialsResponse;
import dev.stoa.proto.identity.v1.PlatformToken;
import io.grpc.stub.StreamObserver;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;

/**
 * identity's gRPC face: credential exchange for the gateway (service callers only), service tokens for service
 * credentials (no caller token needed), org lookup, and the revocations other services rebuild their lists from.
 */
@Service
public final class IdentityGrpcService extends IdentityServiceGrpc.IdentityServiceImplBase {
    private final ApiKeyService apiKeys;
    private final SdkConnectionService sdkConnections;
    private final ServiceTokens serviceTokens;
    private final OrgService orgs;
    private final ExternalTokenExchange externalTokens;
    private final RevocationLog revocations;

    public IdentityGrpcService(
            ApiKeyService apiKeys,
            SdkConnectionService sdkConnections,
            ServiceTokens serviceTokens,
            OrgService orgs,
            ExternalTokenExchange externalTokens,
            RevocationLog revocations) {
        this.apiKeys = apiKeys;
        this.sdkConnections = sdkConnections;
        this.serviceTokens = serviceTokens;
        this.orgs = orgs;
        this.externalTokens = externalTokens;
        this.revocations = revocations;
    }

    @Override
    public void exchangeApiKey(ExchangeApiKeyRequest request, StreamObserver<ExchangeApiKeyResponse> responses) {
        requireService();
        Exchanged exchanged = apiKeys.exchange(request.getApiKey());
        responses.onNext(
                ExchangeApiKeyResponse.newBuilder().setToken(toProto(exchanged)).build());
        responses.onCompleted();
    }

    @Override
    public void exchangeSdkSecret(
            ExchangeSdkSecretRequest request, StreamObserver<ExchangeSdkSecretResponse> responses) {
        requireService();
        Exchanged exchanged = sdkConnections.exchange(request.getSdkSecret());
        responses.onNext(ExchangeSdkSecretResponse.newBuilder()
                .setToken(toProto(exchanged))
                .build());
        responses.onCompleted();
    }

    @Override
    public void exchangeKeycloakToken(
            ExchangeKeycloakTokenRequest request, StreamObserver<ExchangeKeycloakTokenResponse> responses) {
        requireService();
        Exchanged exchanged = externalTokens.exchange(request.getKeycloakToken());
        responses.onNext(ExchangeKeycloakTokenResponse.newBuilder()
                .setToken(toProto(exchanged))
                .build());
        responses.onCompleted();
    }

    @Override
    public void issueServiceToken(
            IssueServiceTokenRequest request, StreamObserver<IssueServiceTokenResponse> responses) {
        Exchanged exchanged = serviceTokens.issue(request.getClientId(), request.getClientSecret());
        responses.onNext(IssueServiceTokenResponse.newBuilder()
                .setToken(toProto(exchanged))
                .build());
        responses.onCompleted();
    }

    @Override
    public void getOrg(GetOrgRequest request, StreamObserver<GetOrgResponse> responses) {
        Org org = orgs.lookup(GrpcPrincipal.current(), request.getOrgId());
        responses.onNext(GetOrgResponse.newBuilder()
                .setOrg(dev.stoa.proto.identity.v1.Org.newBuilder()
                        .setId(org.id())
                        .setName(org.name())
                        .setSlug(org.slug())
                        .setCreatedAt(timestamp(org.createdAt())))
                .build());
        responses.onCompleted();
    }

    @Override
    public void listRevokedCredentials(
            ListRevokedCredentialsRequest request, StreamObserver<ListRevokedCredentialsResponse> responses) {
        requireService();
        Page<Revocation> page = revocations.page(request.getPageSize(), request.getPageToken());
        ListRevokedCredentialsResponse.Builder response = ListRevokedCredentialsResponse.newBuilder();
        for (Revocation r : page.items()) {
            response.addRevoked(CredentialRevoked.newBuilder()
                    .setOrgId(r.orgId())
                    .setSessionId(r.credentialId())
                    .setKind(r.kind())
                    .setCredentialHash(r.secretHash())
                    .setRevokedAt(timestamp(r.revokedAt()))
                    .setForgetAfter(timestamp(r.forgetAfter())));
        }
        if (page.nextCursor() != null) {
            response.setNextPageToken(page.nextCursor());
        }
        responses.onNext(response.build());
        responses.onCompleted();
    }

    private static void requireService() {
        if (!GrpcPrincipal.current().isService()) {
            throw new PermissionDeniedException("service_only", "credential exchange is for platform services only");
        }
    }

    private static PlatformToken toProto(Exchanged exchanged) {
        Principal p = exchanged.principal();
        PlatformToken.Builder token = PlatformToken.newBuilder()
                .setAccessToken(exchanged.token().value())
                .setExpiresAt(timestamp(exchanged.token().expiresAt()))
                .setOrgId(p.orgId())
                .setSubject(p.subject())
                .setTokenType(p.tokenType().wire())
                .addAllScopes(p.scopes())
                .setSessionId(p.sessionId());
        if (p.role() != null) {
            token.setRole(p.role().wire());
        }
        return token.build();
    }

    private static Timestamp timestamp(OffsetDateTime time) {
        return Timestamp.newBuilder()
                .setSeconds(time.toEpochSecond())
                .setNanos(time.getNano())
                .build();
    }
}
