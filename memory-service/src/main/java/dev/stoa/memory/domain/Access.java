package dev.stoa.memory.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may do what in memory-service. Any member of the org (viewers too) reads memory configs and stats (aggregates);
 * members and above change a config. One user's memory (view, facts, graph, clear, rate or delete a fact) holds what
 * that user said in conversations, so it follows chat's rule for conversations: a person reads and clears their own
 * memory, admins and owners anyone's, API keys (an app speaking for its end users) anyone's. API keys also need
 * {@code memory:read} / {@code memory:write}. SDK tokens do nothing here; recall over gRPC is for platform services
 * only.
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

    /**
     * The caller's org, for one user's memory: their own at any role (a viewer may read and clear what the agents
     * remember about them), anyone's for admins, owners and API keys.
     */
    public static String user(Principal principal, String userId, boolean write) {
        principal.requireScope(write ? MEMORY_WRITE : MEMORY_READ);
        principal.requireRole(Role.VIEWER);
        String orgId = org(principal);
        if (!principal.seesOtherUsers() && !userId.equals(principal.userId())) {
            throw new PermissionDeniedException(
                    "not_your_memory", "only admins and owners see another user's memory; yours is under your user id");
        }
        return orgId;
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
