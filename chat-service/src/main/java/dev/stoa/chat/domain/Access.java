package dev.stoa.chat.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.PermissionDeniedException;

/**
 * Who may do what in chat-service. Any member of the org (viewers included) chats and reads conversations: chatting
 * is using an agent, not changing it. API keys need the scope: {@code chat:write} to run turns,
 * {@code conversations:read} to read and {@code conversations:write} to delete or cancel.
 */
final class Access {
    static final String CHAT_WRITE = "chat:write";
    static final String CONVERSATIONS_READ = "conversations:read";
    static final String CONVERSATIONS_WRITE = "conversations:write";

    private Access() {}

    /** The caller's org, once the scope is checked. */
    static String org(Principal principal, String scope) {
        principal.requireScope(scope);
        if (principal.orgId().isBlank()) {
            throw new PermissionDeniedException("org_required", "this endpoint needs a token bound to an org");
        }
        return principal.orgId();
    }

    /**
     * The org a call acts in: the caller's; a service token (eval, workflow) names it in the request instead. A
     * user or key naming another org than its own is refused as not found, like any other org's resource.
     */
    static String org(Principal principal, String scope, String requestedOrgId) {
        if (principal.isService()) {
            if (requestedOrgId.isBlank()) {
                throw new dev.stoa.common.error.InvalidInputException("org_id", "a service call names the org");
            }
            return requestedOrgId;
        }
        String orgId = org(principal, scope);
        if (!requestedOrgId.isBlank() && !requestedOrgId.equals(orgId)) {
            throw new dev.stoa.common.error.NotFoundException("org", requestedOrgId);
        }
        return orgId;
    }

    /**
     * Whether the caller may see every conversation of the org: admins and owners, API keys and services (they act
     * for many end users). A member or viewer sees only the conversations they had themselves.
     */
    static boolean seesAllConversations(Principal principal) {
        if (principal.tokenType() != dev.stoa.common.auth.TokenType.USER) {
            return true;
        }
        return principal.role() != null && principal.role().atLeast(dev.stoa.common.auth.Role.ADMIN);
    }

    /** Whether the caller may see this conversation (of its org): its own, or any when it sees all. */
    static boolean sees(Principal principal, dev.stoa.chat.domain.model.Conversation conversation) {
        return seesAllConversations(principal) || conversation.userId().equals(endUser(principal, ""));
    }

    /**
     * The end user a conversation belongs to: the user behind the token, unless an API key or SDK connection names
     * one of its own end users ({@code user_id} of the request); a user token cannot speak for someone else.
     */
    static String endUser(Principal principal, String requestedUserId) {
        boolean person = principal.tokenType() == dev.stoa.common.auth.TokenType.USER;
        if (!requestedUserId.isEmpty() && !person) {
            return "ext:" + requestedUserId;
        }
        return principal.userId() != null ? principal.userId() : principal.subject();
    }
}
