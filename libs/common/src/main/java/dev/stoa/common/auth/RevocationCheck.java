package dev.stoa.common.auth;

/**
 * Whether the credential behind a valid platform token was revoked (a logged-out session, a revoked API key or SDK
 * connection). The REST resource server and the gRPC token interceptor consult it when a bean of this type exists.
 */
@FunctionalInterface
public interface RevocationCheck {
    boolean isRevoked(Principal principal);
}
