package dev.stoa.grpc;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.UnauthenticatedException;
import io.grpc.Context;
import java.util.Optional;

/**
 * The caller of the gRPC request being served, as the server interceptor validated it from the
 * {@code authorization} metadata. Lives in the {@link Context}, so it follows the call onto any thread that
 * propagates the context (and into outgoing calls, whose interceptor forwards the token).
 */
public final class GrpcPrincipal {
    static final Context.Key<Principal> PRINCIPAL = Context.key("stoa-principal");
    static final Context.Key<String> TOKEN = Context.key("stoa-token");

    private GrpcPrincipal() {}

    /** The authenticated caller; throws when the method is public or the code runs outside a call. */
    public static Principal current() {
        return find().orElseThrow(() -> new UnauthenticatedException("unauthenticated", "authentication is required"));
    }

    public static Optional<Principal> find() {
        return Optional.ofNullable(PRINCIPAL.get());
    }

    /** The caller's raw platform token. Never log it. */
    public static String currentToken() {
        return findToken()
                .orElseThrow(() -> new UnauthenticatedException("unauthenticated", "authentication is required"));
    }

    public static Optional<String> findToken() {
        return Optional.ofNullable(TOKEN.get());
    }

    /** The context a call authenticated as {@code principal} runs in (also for tests and background work). */
    public static Context bind(Context context, Principal principal, String token) {
        return context.withValues(PRINCIPAL, principal, TOKEN, token);
    }
}
