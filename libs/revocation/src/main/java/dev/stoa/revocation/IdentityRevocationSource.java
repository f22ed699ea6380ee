package dev.stoa.revocation;

import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.ListRevokedCredentialsRequest;
import dev.stoa.proto.identity.v1.ListRevokedCredentialsResponse;
import io.grpc.Channel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pages through identity-service's {@code ListRevokedCredentials} (service callers only: the channel's client
 * interceptor adds this service's token).
 */
public final class IdentityRevocationSource implements RevocationSource {
    private static final int PAGE_SIZE = 1000;
    /** A runaway guard: identity's list is bounded by the revocations of one token lifetime. */
    private static final int MAX_PAGES = 10_000;

    private final Supplier<Channel> channel;
    private final Duration deadline;

    public IdentityRevocationSource(Supplier<Channel> channel, Duration deadline) {
        this.channel = channel;
        this.deadline = deadline;
    }

    @Override
    public int readAll(Consumer<CredentialRevoked> sink) {
        IdentityServiceGrpc.IdentityServiceBlockingStub identity = IdentityServiceGrpc.newBlockingStub(channel.get());
        String token = "";
        int count = 0;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            ListRevokedCredentialsResponse page = identity.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .listRevokedCredentials(ListRevokedCredentialsRequest.newBuilder()
                            .setPageSize(PAGE_SIZE)
                            .setPageToken(token)
                            .build());
            page.getRevokedList().forEach(sink);
            count += page.getRevokedCount();
            token = page.getNextPageToken();
            if (token.isEmpty()) {
                return count;
            }
        }
        throw new IllegalStateException("identity's revocation list did not end after " + MAX_PAGES + " pages");
    }
}
