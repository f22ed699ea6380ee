package dev.stoa.workflow.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scope;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may do what with workflows: every member of the org (viewers included) reads definitions and runs; members and
 * above write definitions, execute, submit input and cancel. API keys need {@code workflows:read} /
 * {@code workflows:write}.
 */
public final class Access {
    private Access() {}

    /** The caller's org, for reads. */
    public static String read(Principal principal) {
        principal.requireScope(Scope.WORKFLOWS_READ.wire());
        principal.requireRole(Role.VIEWER);
        return org(principal);
    }

    /** The caller's org, for writes. */
    public static String write(Principal principal) {
        principal.requireScope(Scope.WORKFLOWS_WRITE.wire());
        principal.requireRole(Role.MEMBER);
        return org(principal);
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
