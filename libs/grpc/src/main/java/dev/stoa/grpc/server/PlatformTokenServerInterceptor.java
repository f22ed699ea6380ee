package dev.stoa.grpc.server;

import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.RevocationCheck;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.grpc.GrpcPrincipal;
import dev.stoa.grpc.error.GrpcErrors;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.grpc.server.security.AuthenticationProcessInterceptor;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Authenticates every gRPC call by the platform token in its {@code authorization: Bearer} metadata and binds the
 * caller to the call's {@link Context} ({@link GrpcPrincipal}). Methods listed in {@code stoa.grpc.public-methods}
 * need no token; SDK tokens are refused, and so are tokens whose credential a {@link RevocationCheck} reports revoked
 * (a logged-out session, a revoked key: the same answer the REST side gives).
 *
 * <p>It extends Spring gRPC's {@link AuthenticationProcessInterceptor} only so that Boot's own resource-server
 * interceptor (which would require a token on every method, public ones included) backs off; none of the parent's
 * Spring Security machinery is used.
 */
public final class PlatformTokenServerInterceptor extends AuthenticationProcessInterceptor {
    /** Runs inside the exception-handling interceptor (highest precedence) and before any service interceptor. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final JwtDecoder decoder;
    private final Set<String> publicMethods;
    private final RevocationCheck revocations;

    public PlatformTokenServerInterceptor(
            JwtDecoder decoder, Collection<String> publicMethods, Supplier<@Nullable RevocationCheck> revocations) {
        super(
                authentication -> authentication,
                (headers, attributes, method) -> null,
                (authentication, call) -> new AuthorizationDecision(true));
        this.decoder = decoder;
        this.publicMethods = Set.copyOf(publicMethods);
        this.revocations = RevocationCheck.lookedUpOnce(revocations);
    }

    public PlatformTokenServerInterceptor(JwtDecoder decoder, Collection<String> publicMethods) {
        this(decoder, publicMethods, () -> null);
    }

    public PlatformTokenServerInterceptor(JwtDecoder decoder) {
        this(decoder, List.of());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
            ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
        if (publicMethods.contains(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return reject(call, new UnauthenticatedException("unauthenticated", "a bearer token is required"));
        }
        String token = header.substring(BEARER.length()).trim();
        Principal principal;
        try {
            principal = PlatformClaims.toPrincipal(decoder.decode(token));
        } catch (BadJwtException e) {
            return reject(call, invalidToken());
        } catch (JwtException e) {
            return reject(
                    call,
                    new StoaException(
                            ErrorKind.UNAVAILABLE,
                            "auth_unavailable",
                            "the token could not be validated right now",
                            true,
                            List.of(),
                            null));
        } catch (RuntimeException e) {
            return reject(call, invalidToken());
        }
        if (principal.tokenType() == TokenType.SDK) {
            return reject(
                    call,
                    new UnauthenticatedException(
                            "sdk_token_not_allowed", "SDK tokens are accepted on the SDK socket only"));
        }
        if (revocations.isRevoked(principal)) {
            return reject(call, new UnauthenticatedException("token_revoked", "the token has been revoked"));
        }
        Context context = GrpcPrincipal.bind(Context.current(), principal, token);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static UnauthenticatedException invalidToken() {
        return new UnauthenticatedException("invalid_token", "the bearer token is invalid, expired or not trusted");
    }

    private static <ReqT, RespT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, RespT> call, StoaException e) {
        StatusException status = GrpcErrors.toStatusException(e);
        Metadata trailers = Status.trailersFromThrowable(status);
        call.close(status.getStatus(), trailers == null ? new Metadata() : trailers);
        return new ServerCall.Listener<>() {};
    }
}
