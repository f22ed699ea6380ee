package dev.stoa.grpc;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.proto.identity.v1.GetOrgRequest;
import dev.stoa.proto.identity.v1.GetOrgResponse;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.IssueServiceTokenResponse;
import dev.stoa.proto.identity.v1.Org;
import dev.stoa.proto.identity.v1.PlatformToken;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in IdentityService: GetOrg answers who called (or fails on purpose for a few org ids), and
 * IssueServiceToken hands out counted tokens.
 */
public final class TestIdentityService extends IdentityServiceGrpc.IdentityServiceImplBase {
    public final AtomicInteger issued = new AtomicInteger();
    public volatile String lastClientSecret = "";
    /** When set, IssueServiceToken waits for it after counting the call (to hold callers in flight). */
    public volatile @Nullable CountDownLatch issueGate;

    private final Clock clock;
    private final Duration tokenTtl;
    private final Function<Integer, String> tokenFor;

    public TestIdentityService() {
        this(Clock.systemUTC(), Duration.ofMinutes(10), n -> "service-token-" + n);
    }

    public TestIdentityService(Clock clock, Duration tokenTtl, Function<Integer, String> tokenFor) {
        this.clock = clock;
        this.tokenTtl = tokenTtl;
        this.tokenFor = tokenFor;
    }

    @Override
    public void getOrg(GetOrgRequest request, StreamObserver<GetOrgResponse> responses) {
        switch (request.getOrgId()) {
            case "missing" -> throw new NotFoundException("org", "missing");
            case "invalid" ->
                throw new InvalidInputException(
                        List.of(new FieldError("org_id", "is malformed"), new FieldError("name", "is too long")));
            case "boom" -> throw new IllegalStateException("db password=hunter2");
            default -> {
                Principal caller = GrpcPrincipal.current();
                String name = (caller.isService() ? "service:" : "user:") + caller.subject();
                responses.onNext(GetOrgResponse.newBuilder()
                        .setOrg(Org.newBuilder().setId(caller.orgId()).setName(name))
                        .build());
                responses.onCompleted();
            }
        }
    }

    @Override
    public void issueServiceToken(
            IssueServiceTokenRequest request, StreamObserver<IssueServiceTokenResponse> responses) {
        int n = issued.incrementAndGet();
        lastClientSecret = request.getClientSecret();
        CountDownLatch gate = issueGate;
        if (gate != null) {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Instant expiresAt = clock.instant().plus(tokenTtl);
        responses.onNext(IssueServiceTokenResponse.newBuilder()
                .setToken(PlatformToken.newBuilder()
                        .setAccessToken(tokenFor.apply(n))
                        .setSubject(request.getClientId())
                        .setTokenType("service")
                        .setExpiresAt(Timestamp.newBuilder().setSeconds(expiresAt.getEpochSecond())))
                .build());
        responses.onCompleted();
    }
}
