package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.FailedPreconditionException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.RevokedCredential;
import dev.stoa.identity.domain.port.ApiKeyRepository;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.MembershipRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Org membership. Members and viewers may only look; admins manage members; only owners grant, take away or
 * remove the owner role; the last owner can be neither demoted nor removed.
 */
@Service
public final class MemberService {
    private final MembershipRepository members;
    private final AccountRevocations revocations;
    private final ApiKeyRepository apiKeys;
    private final SecretCredentials credentials;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MemberService(
            MembershipRepository members,
            AccountRevocations revocations,
            ApiKeyRepository apiKeys,
            SecretCredentials credentials,
            IdentityEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.members = members;
        this.revocations = revocations;
        this.apiKeys = apiKeys;
        this.credentials = credentials;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Page<Member> list(Principal principal, PageRequest page) {
        principal.requireScope("members:read");
        return members.list(principal.orgId(), page);
    }

    public Member changeRole(Principal principal, String memberId, Role newRole) {
        principal.requireScope("members:write");
        principal.requireRole(Role.ADMIN);
        return transactions.execute(status -> {
            Member target = find(principal, memberId);
            if (target.role() == newRole) {
                return target;
            }
            if (target.role() == Role.OWNER || newRole == Role.OWNER) {
                principal.requireRole(Role.OWNER);
            }
            if (target.role() == Role.OWNER) {
                requireAnotherOwner(principal.orgId(), "demote");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            members.updateRole(principal.orgId(), memberId, newRole, now);
            // Access tokens carry the role: end the member's sessions so the new role applies at once.
            revocations.endSessions(principal.orgId(), target.userId(), "membership_changed", now);
            events.audit(
                    principal.orgId(),
                    principal,
                    null,
                    "member.role_changed",
                    "member",
                    memberId,
                    Map.of("old_role", target.role().wire(), "new_role", newRole.wire()));
            return members.find(principal.orgId(), memberId).orElseThrow();
        });
    }

    public void remove(Principal principal, String memberId) {
        principal.requireScope("members:write");
        principal.requireRole(Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            Member target = find(principal, memberId);
            if (target.role() == Role.OWNER) {
                principal.requireRole(Role.OWNER);
                requireAnotherOwner(principal.orgId(), "remove");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            members.delete(principal.orgId(), memberId);
            revocations.endSessions(principal.orgId(), target.userId(), "membership_changed", now);
            for (RevokedCredential key : apiKeys.revokeAllOf(principal.orgId(), target.userId(), now)) {
                credentials.announceRevoked(principal.orgId(), CredentialKind.API_KEY, key, now);
            }
            events.audit(
                    principal.orgId(),
                    principal,
                    null,
                    "member.removed",
                    "member",
                    memberId,
                    Map.of("role", target.role().wire()));
        });
    }

    private Member find(Principal principal, String memberId) {
        if (!Ids.isValid("mem", memberId)) {
            throw new NotFoundException("member", memberId);
        }
        return members.find(principal.orgId(), memberId).orElseThrow(() -> new NotFoundException("member", memberId));
    }

    private void requireAnotherOwner(String orgId, String verb) {
        if (members.countOwnersForUpdate(orgId) <= 1) {
            throw new FailedPreconditionException("last_owner", "cannot " + verb + " the last owner of the org");
        }
    }
}
