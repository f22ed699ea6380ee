package dev.stoa.grpc.client;

import dev.stoa.grpc.GrpcPrincipal;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * Adds to every outgoing call the token it should carry: the caller's (the gRPC call or REST request being
 * served), else this service's own service token; and a default deadline to unary calls that set none.
 * Streaming calls (a chat turn, a log tail) legitimately outlive any default, so they keep the caller's choice.
 */
public final class StoaClientInterceptor implements ClientInterceptor, Ordered {
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Supplier<@Nullable ServiceTokenProvider> serviceTokens;
    // the provider once found; looking the bean up on every call was a measurable share of a call's cost
    private volatile @Nullable ServiceTokenProvider serviceTokenProvider;
    private final Duration defaultDeadline;

    /**
     * @param serviceTokens this service's token provider, or null when it has no service credential (looked up per
     *     call, so a provider bean created later is still found)
     */
    public StoaClientInterceptor(Supplier<@Nullable ServiceTokenProvider> serviceTokens, Duration defaultDeadline) {
        this.serviceTokens = serviceTokens;
        this.defaultDeadline = defaultDeadline;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
            MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
        CallOptions options = callOptions.getDeadline() == null && method.getType() == MethodDescriptor.MethodType.UNARY
                ? callOptions.withDeadlineAfter(defaultDeadline.toMillis(), TimeUnit.MILLISECONDS)
                : callOptions;
        // Resolved here, on the caller's thread, where its gRPC Context and SecurityContext are visible.
        String token = token(callOptions);
        ClientCall<ReqT, RespT> call = next.newCall(method, options);
        if (token == null) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                if (!headers.containsKey(AUTHORIZATION)) {
                    headers.put(AUTHORIZATION, "Bearer " + token);
                }
                super.start(listener, headers);
            }
        };
    }

    private @Nullable String token(CallOptions options) {
        if (options.getOption(StoaCallOptions.NO_TOKEN)) {
            return null;
        }
        if (!options.getOption(StoaCallOptions.SERVICE_TOKEN_ONLY)) {
            Optional<String> caller = GrpcPrincipal.findToken().or(SecurityContextTokens::current);
            if (caller.isPresent()) {
                return caller.get();
            }
        }
        ServiceTokenProvider provider = serviceTokenProvider;
        if (provider == null) {
            provider = serviceTokens.get();
            serviceTokenProvider = provider;
        }
        return provider == null ? null : provider.token();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
