package dev.stoa.identity.domain.port;

import dev.stoa.common.auth.Role;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.PendingInvite;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Memberships of users in orgs, with their roles and pending invitations. */
public interface MembershipRepository {
    void insert(
            String id,
            String orgId,
            String userId,
            Role role,
            String status,
            @Nullable String inviteTokenHash,
            @Nullable OffsetDateTime inviteExpiresAt,
            @Nullable String invitedBy,
            OffsetDateTime now);

    Optional<Member> find(String orgId, String memberId);

    Optional<Member> findByUser(String orgId, String userId);

    Optional<Member> findByInviteHash(String orgId, String inviteHash);

    Page<Member> list(String orgId, PageRequest page);

    /** The org's pending invites (expired ones included, marked by their expiry), oldest first. */
    Page<Member> listInvited(String orgId, PageRequest page);

    /** A membership, locked until the transaction ends (an invite is answered once). */
    Optional<Member> lock(String orgId, String memberId);

    /** The pending invites of a user in every org (a pre-authentication lookup across orgs). */
    List<PendingInvite> invitesOfUser(String userId);

    /** The org of a membership id, before that org is set. */
    Optional<String> orgOfMembership(String memberId);

    /** Active owners of the org, locked until the transaction ends so two demotions cannot both pass. */
    int countOwnersForUpdate(String orgId);

    void updateRole(String orgId, String memberId, Role role, OffsetDateTime now);

    void activate(String orgId, String memberId, OffsetDateTime now);

    void delete(String orgId, String memberId);

    /** Orgs the user is an active member of, oldest first (a pre-authentication lookup: no org is set yet). */
    List<String> orgsOfUser(String userId);
}
