package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may do what in tool-router. Any member of the org reads tools and tool configs; members and above change an
 * agent's tool config (as they change the agent); admins and owners change what is shared by every agent of the org
 * (tool groups). API keys also need {@code tools:read} / {@code tools:write}. SDK tokens open the SDK socket and
 * nothing else.
 */
public final class Access {
    public static final String TOOLS_READ = "tools:read";
    public static final String TOOLS_WRITE = "tools:write";

    private Access() {}

    /** The caller's org, for reads. */
    public static String read(Principal principal) {
        principal.requireScope(TOOLS_READ);
        return org(principal);
    }

    /** The caller's org, for changes. */
    public static String write(Principal principal) {
        principal.requireScope(TOOLS_WRITE);
        principal.requireRole(Role.MEMBER);
        return org(principal);
    }

    /** The caller's org, for org-wide changes (tool groups). */
    public static String admin(Principal principal) {
        principal.requireScope(TOOLS_WRITE);
        principal.requireRole(Role.ADMIN);
        return org(principal);
    }

    /** Who made a change. */
    public static String actor(Principal principal) {
        return principal.userId() != null ? principal.userId() : principal.subject();
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
