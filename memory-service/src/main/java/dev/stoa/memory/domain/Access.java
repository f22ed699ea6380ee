package dev.stoa.memory.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may do what in memory-service. Any member of the org (viewers too) reads memory configs, stats and facts; members
 * and above change a config, clear a user's memory and rate or delete facts (as they change the agent). API keys also
 * need {@code memory:read} / {@code memory:write}. SDK tokens do nothing here; recall over gRPC is for platform
 * services only.
 */
public final class Access {
    public static final String MEMORY_READ = "memory:read";
    public static final String MEMORY_WRITE = "memory:write";

    private Access() {}

    /** The caller's org, for reads. */
    public static String read(Principal principal) {
        principal.requireScope(MEMORY_READ);
        principal.requireRole(Role.VIEWER);
        return org(principal);
    }

    /** The caller's org, for changes. */
    public static String write(Principal principal) {
        principal.requireScope(MEMORY_WRITE);
        principal.requireRole(Role.MEMBER);
        return org(principal);
    }

    /** Recall is for the services that run turns. */
    public static void service(Principal principal) {
        if (!principal.isService()) {
            throw new PermissionDeniedException("service_only", "memory recall is for platform services only");
        }
    }

    private static String org(Principal principal) {
        if (principal.tokenType() == TokenType.SDK) {
            throw new PermissionDeniedException("sdk_token_not_allowed", "SDK tokens open the SDK socket only");
        }
        if (principal.orgId().isBlank()) {
            throw new PermissionDeniedException("org_required", "this call needs a token bound to an org");
        }
        return principal.orgId();
    }
}
