package dev.stoa.eval.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may do what in evals: every member of the org (viewers included) reads datasets, runs and comparisons; members
 * and above write datasets and start, cancel and re-run runs. API keys need {@code evals:read} / {@code evals:write}.
 */
public final class Access {
    public static final String EVALS_READ = "evals:read";
    public static final String EVALS_WRITE = "evals:write";

    private Access() {}

    /** The caller's org, for reads. */
    public static String read(Principal principal) {
        principal.requireScope(EVALS_READ);
        principal.requireRole(Role.VIEWER);
        return org(principal);
    }

    /** The caller's org, for writes. */
    public static String write(Principal principal) {
        principal.requireScope(EVALS_WRITE);
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
