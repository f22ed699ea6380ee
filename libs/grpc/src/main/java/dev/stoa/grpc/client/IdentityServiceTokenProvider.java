package dev.stoa.grpc.client;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.proto.identity.v1.IdentityServiceGrpc;
import dev.stoa.proto.identity.v1.IssueServiceTokenRequest;
import dev.stoa.proto.identity.v1.PlatformToken;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains this service's token from identity-service ({@code IssueServiceToken}) and caches it until a minute
 * before it expires. Concurrent callers wait for one shared refresh instead of each calling identity-service.
 */
public final class IdentityServiceTokenProvider implements ServiceTokenProvider {
    /** How long before expiry a cached token is replaced, so it never expires in flight. */
    public static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(IdentityServiceTokenProvider.class);

    private final Supplier<Channel> channel;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final ReentrantLock refresh = new ReentrantLock();
    private volatile @Nullable Cached cached;

    public IdentityServiceTokenProvider(Supplier<Channel> channel, String clientId, String clientSecret, Clock clock) {
        this.channel = channel;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public String token() {
        Cached current = cached;
        if (current != null && clock.instant().isBefore(current.refreshAt())) {
            return current.token();
        }
        refresh.lock();
        try {
            current = cached;
            if (current != null && clock.instant().isBefore(current.refreshAt())) {
                return current.token();
            }
            Cached fresh = issue();
            cached = fresh;
            return fresh.token();
        } finally {
            refresh.unlock();
        }
    }

    private Cached issue() {
        try {
            PlatformToken token = IdentityServiceGrpc.newBlockingStub(channel.get())
                    // The issuing call must not ask this provider for a token: it would recurse.
                    .withOption(StoaCallOptions.NO_TOKEN, true)
                    .issueServiceToken(IssueServiceTokenRequest.newBuilder()
                            .setClientId(clientId)
                            .setClientSecret(clientSecret)
                            .build())
                    .getToken();
            Instant expiresAt = Instant.ofEpochSecond(
                    token.getExpiresAt().getSeconds(), token.getExpiresAt().getNanos());
            log.debug("obtained a service token for {} valid until {}", clientId, expiresAt);
            return new Cached(token.getAccessToken(), expiresAt.minus(REFRESH_MARGIN));
        } catch (StatusRuntimeException e) {
            log.warn(
                    "could not obtain a service token for {}: {}",
                    clientId,
                    e.getStatus().getCode());
            throw new StoaException(
                    ErrorKind.UNAVAILABLE,
                    "service_token_unavailable",
                    "could not obtain a service token",
                    true,
                    List.of(),
                    e);
        }
    }

    @Override
    public String toString() {
        return "IdentityServiceTokenProvider[clientId=" + clientId + "]";
    }

    private record Cached(String token, Instant refreshAt) {
        @Override
        public String toString() {
            return "Cached[refreshAt=" + refreshAt + "]";
        }
    }
}
