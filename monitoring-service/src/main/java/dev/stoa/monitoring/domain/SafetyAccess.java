package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scope;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may read and change safety settings. Every member reads the config and the alerts (API keys need
 * {@code monitoring:read}); only admins and owners change the config (API keys need {@code safety:write}); the
 * effective policy over gRPC is for platform services only.
 */
public final class SafetyAccess {
    private SafetyAccess() {}

    /** The caller's org, for reading the config, the alerts and their stats. */
    public static String read(Principal principal) {
        return Access.monitoring(principal);
    }

    /** The caller's org, for changing the config. */
    public static String write(Principal principal) {
        principal.requireScope(Scope.SAFETY_WRITE.wire());
        principal.requireRole(Role.ADMIN);
        // Access.monitoring would also demand monitoring:read of a key; the org rules are the same.
        boolean orgBound =
                principal.tokenType() != TokenType.SDK && !principal.orgId().isBlank();
        if (!orgBound) {
            throw new PermissionDeniedException(
                    "org_required", "changing safety settings needs a user or API key of an org");
        }
        return principal.orgId();
    }

    /** Refuses every caller but a platform service. */
    public static void service(Principal principal) {
        if (!principal.isService()) {
            throw new PermissionDeniedException(
                    "service_only", "safety policies over gRPC are for platform services only");
        }
    }
}
