package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may read what in monitoring. Every member of the org, viewers included, reads tool-call logs, stats and costs
 * (they are about the org's agents, which viewers see too); API keys need {@code monitoring:read}. The audit log
 * shows what people did and from where, so it is for admins and owners; API keys need {@code audit_logs:read}. Dead
 * letters (events that could not be processed) are for admins and owners too, who may replay them; API keys need
 * {@code monitoring:read}. SDK tokens read nothing here.
 * Webhooks are read by members (their URLs name the org's systems, which viewers need not see; the signing secret is
 * shown to nobody after create and rotate) and written by admins and owners; API keys need {@code webhooks:read} /
 * {@code webhooks:write}.
 */
public final class Access {
    public static final String MONITORING_READ = "monitoring:read";
    public static final String AUDIT_LOGS_READ = "audit_logs:read";
    public static final String WEBHOOKS_READ = "webhooks:read";
    public static final String WEBHOOKS_WRITE = "webhooks:write";

    private Access() {}

    /** The caller's org, for tool calls, stats and costs. */
    public static String monitoring(Principal principal) {
        principal.requireScope(MONITORING_READ);
        principal.requireRole(Role.VIEWER);
        return org(principal);
    }

    /** The caller's org, for the audit log. */
    public static String audit(Principal principal) {
        principal.requireScope(AUDIT_LOGS_READ);
        principal.requireRole(Role.ADMIN);
        return org(principal);
    }

    /** The caller's org, for reading webhooks and their delivery log. */
    public static String webhooksRead(Principal principal) {
        principal.requireScope(WEBHOOKS_READ);
        principal.requireRole(Role.MEMBER);
        return org(principal);
    }

    /** The caller's org, for creating, changing and deleting webhooks. */
    public static String webhooksWrite(Principal principal) {
        principal.requireScope(WEBHOOKS_WRITE);
        principal.requireRole(Role.ADMIN);
        return org(principal);
    }

    /** The caller's org, for its dead letters (admins and owners; API keys need {@code monitoring:read}). */
    public static String deadLetters(Principal principal) {
        principal.requireScope(MONITORING_READ);
        principal.requireRole(Role.ADMIN);
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
