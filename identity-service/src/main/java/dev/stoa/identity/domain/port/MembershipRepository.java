package dev.stoa.identity.domain.port;

import dev.stoa.common.auth.Role;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.Member;
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
            OffsetDateTime now);

    Optional<Member> find(String orgId, String memberId);

    Optional<Member> findByUser(String orgId, String userId);

    Optional<Member> findByInviteHash(String orgId, String inviteHash);

    Page<Member> list(String orgId, PageRequest page);

    /** Active owners of the org, locked until the transaction ends so two demotions cannot both pass. */
    int countOwnersForUpdate(String orgId);

    void updateRole(String orgId, String memberId, Role role, OffsetDateTime now);

    void activate(String orgId, String memberId, OffsetDateTime now);

    void delete(String orgId, String memberId);

    /** Orgs the user is an active member of, oldest first (a pre-authentication lookup: no org is set yet). */
    List<String> orgsOfUser(String userId);
}
