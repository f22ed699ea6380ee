package dev.stoa.agent.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may do what in agent-service. Any member of the org (viewers included) reads; members and above change
 * agents and their prompts; admins change agent schemas (the API reference marks that endpoint admin) and the
 * org-wide model setup: providers, their keys, tiers and custom catalog entries. API keys also need the scope
 * ({@code agents:*}, or {@code providers:*} for providers, tiers and the catalog).
 */
final class Access {
    static final String AGENTS_READ = "agents:read";
    static final String AGENTS_WRITE = "agents:write";
    static final String PROVIDERS_READ = "providers:read";
    static final String PROVIDERS_WRITE = "providers:write";
    /** memory-service's read scope: the prompt preview shows a user's remembered facts only to keys that hold it. */
    static final String MEMORY_READ = "memory:read";

    private Access() {}

    /** The caller's org, for reads. */
    static String read(Principal principal, String scope) {
        principal.requireScope(scope);
        return org(principal);
    }

    /** The caller's org, for changes that need at least {@code role}. */
    static String write(Principal principal, String scope, Role role) {
        principal.requireScope(scope);
        principal.requireRole(role);
        return org(principal);
    }

    /** Who made a change, as recorded with versions and resources. */
    static String actor(Principal principal) {
        return principal.userId() != null ? principal.userId() : principal.subject();
    }

    private static String org(Principal principal) {
        if (principal.orgId().isBlank()) {
            // Service tokens act across orgs; REST resources always belong to one.
            throw new PermissionDeniedException("org_required", "this endpoint needs a token bound to an org");
        }
        return principal.orgId();
    }
}
