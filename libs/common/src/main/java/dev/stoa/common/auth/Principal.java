package dev.stoa.common.auth;

import dev.stoa.common.error.PermissionDeniedException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as a validated platform token says: the org every query is filtered by, the subject,
 * the role (users and API keys), the scopes (API keys) and the token type.
 *
 * @param orgId the tenant; empty only for a service principal acting across orgs
 * @param subject user id, API key id, SDK connection id or service client id
 * @param userId the user behind the call (the key's creator for an API key), if any
 * @param sessionId the {@code sid} claim; revoking it revokes the token
 */
public record Principal(
        String orgId,
        String subject,
        @Nullable String userId,
        @Nullable Role role,
        Set<String> scopes,
        TokenType tokenType,
        String sessionId) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean isService() {
        return tokenType == TokenType.SERVICE;
    }

    /** Users are limited by role; API keys by role and scopes; services by nothing here. */
    public boolean hasScope(String scope) {
        return tokenType != TokenType.API_KEY || scopes.contains(scope);
    }

    /**
     * Whether the caller may see what belongs to another user of its org (their conversations, what agents remember
     * about them): admins and owners, API keys (an app speaking for its end users) and services. A person below admin
     * sees only their own.
     */
    public boolean seesOtherUsers() {
        return tokenType != TokenType.USER || (role != null && role.atLeast(Role.ADMIN));
    }

    /** Throws 403 unless the caller may use {@code scope} (only API keys are limited by scopes). */
    public void requireScope(String scope) {
        if (!hasScope(scope)) {
            throw new PermissionDeniedException("insufficient_scope", "this API key lacks the scope " + scope);
        }
    }

    /** Throws 403 unless the caller's role is at least {@code minimum}. */
    public void requireRole(Role minimum) {
        if (isService()) {
            return;
        }
        if (role == null || !role.atLeast(minimum)) {
            throw new PermissionDeniedException(
                    "insufficient_role", "this action needs role " + minimum.wire() + " or higher");
        }
    }
}
