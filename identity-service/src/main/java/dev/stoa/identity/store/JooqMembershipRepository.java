package dev.stoa.identity.store;

import static dev.stoa.identity.store.jooq.Tables.MEMBERSHIPS;
import static dev.stoa.identity.store.jooq.Tables.USERS;

import dev.stoa.common.auth.Role;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.PendingInvite;
import dev.stoa.identity.domain.port.MembershipRepository;
import dev.stoa.store.TenantTransactions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Memberships of users in orgs, with roles. */
@Component
public final class JooqMembershipRepository implements MembershipRepository {
    private final TenantTransactions tx;

    public JooqMembershipRepository(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(
            String id,
            String orgId,
            String userId,
            Role role,
            String status,
            @Nullable String inviteTokenHash,
            @Nullable OffsetDateTime inviteExpiresAt,
            @Nullable String invitedBy,
            OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.insertInto(MEMBERSHIPS)
                .set(MEMBERSHIPS.ID, id)
                .set(MEMBERSHIPS.ORG_ID, orgId)
                .set(MEMBERSHIPS.USER_ID, userId)
                .set(MEMBERSHIPS.ROLE, role.wire())
                .set(MEMBERSHIPS.STATUS, status)
                .set(MEMBERSHIPS.INVITE_TOKEN_HASH, inviteTokenHash)
                .set(MEMBERSHIPS.INVITE_EXPIRES_AT, inviteExpiresAt)
                .set(MEMBERSHIPS.INVITED_BY, invitedBy)
                .set(MEMBERSHIPS.CREATED_AT, now)
                .set(MEMBERSHIPS.UPDATED_AT, now)
                .execute());
    }

    @Override
    public Optional<Member> find(String orgId, String memberId) {
        return tx.inOrg(orgId, dsl -> selectMembers(dsl)
                .where(MEMBERSHIPS.ID.eq(memberId))
                .fetchOptional(JooqMembershipRepository::map));
    }

    @Override
    public Optional<Member> findByUser(String orgId, String userId) {
        return tx.inOrg(orgId, dsl -> selectMembers(dsl)
                .where(MEMBERSHIPS.USER_ID.eq(userId))
                .fetchOptional(JooqMembershipRepository::map));
    }

    @Override
    public Optional<Member> findByInviteHash(String orgId, String inviteHash) {
        return tx.inOrg(orgId, dsl -> selectMembers(dsl)
                .where(MEMBERSHIPS.INVITE_TOKEN_HASH.eq(inviteHash))
                .fetchOptional(JooqMembershipRepository::map));
    }

    @Override
    public Page<Member> listInvited(String orgId, PageRequest page) {
        return page(orgId, page, MEMBERSHIPS.STATUS.eq(Member.INVITED));
    }

    private Page<Member> page(String orgId, PageRequest page, org.jooq.Condition condition) {
        return tx.inOrg(orgId, dsl -> {
            var query = selectMembers(dsl).where(condition);
            if (page.after() != null) {
                query = query.and(MEMBERSHIPS.ID.gt(page.after()));
            }
            List<Member> rows =
                    query.orderBy(MEMBERSHIPS.ID).limit(page.limit() + 1).fetch(JooqMembershipRepository::map);
            return Page.fromOverfetch(rows, page.limit(), Member::id);
        });
    }

    @Override
    public Optional<Member> lock(String orgId, String memberId) {
        return tx.inOrg(orgId, dsl -> selectMembers(dsl)
                .where(MEMBERSHIPS.ID.eq(memberId))
                .forUpdate()
                .of(MEMBERSHIPS)
                .fetchOptional(JooqMembershipRepository::map));
    }

    @Override
    public List<PendingInvite> invitesOfUser(String userId) {
        return tx.global(dsl -> dsl.resultQuery(
                        "select id, org_id, org_name, role, invited_by_email, created_at, expires_at"
                                + " from identity_invites_of_user(?)",
                        userId)
                .fetch(r -> new PendingInvite(
                        r.get(0, String.class),
                        r.get(1, String.class),
                        r.get(2, String.class),
                        Role.fromWire(r.get(3, String.class)),
                        r.get(4, String.class),
                        r.get(5, OffsetDateTime.class),
                        r.get(6, OffsetDateTime.class))));
    }

    @Override
    public Optional<String> orgOfMembership(String memberId) {
        return JooqCredentialLookups.lookup(tx, "identity_org_of_membership", memberId);
    }

    @Override
    public Page<Member> list(String orgId, PageRequest page) {
        return page(orgId, page, DSL.trueCondition());
    }

    @Override
    public int countOwnersForUpdate(String orgId) {
        return tx.inOrg(orgId, dsl -> dsl.select(MEMBERSHIPS.ID)
                .from(MEMBERSHIPS)
                .where(MEMBERSHIPS.ROLE.eq(Role.OWNER.wire()))
                .and(MEMBERSHIPS.STATUS.eq("active"))
                .forUpdate()
                .fetch()
                .size());
    }

    @Override
    public void updateRole(String orgId, String memberId, Role role, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(MEMBERSHIPS)
                .set(MEMBERSHIPS.ROLE, role.wire())
                .set(MEMBERSHIPS.UPDATED_AT, now)
                .where(MEMBERSHIPS.ID.eq(memberId))
                .execute());
    }

    @Override
    public void activate(String orgId, String memberId, OffsetDateTime now) {
        tx.inOrgRun(orgId, dsl -> dsl.update(MEMBERSHIPS)
                .set(MEMBERSHIPS.STATUS, "active")
                .setNull(MEMBERSHIPS.INVITE_TOKEN_HASH)
                .setNull(MEMBERSHIPS.INVITE_EXPIRES_AT)
                .set(MEMBERSHIPS.UPDATED_AT, now)
                .where(MEMBERSHIPS.ID.eq(memberId))
                .execute());
    }

    @Override
    public void delete(String orgId, String memberId) {
        tx.inOrgRun(orgId, dsl -> dsl.deleteFrom(MEMBERSHIPS)
                .where(MEMBERSHIPS.ID.eq(memberId))
                .execute());
    }

    @Override
    public List<String> orgsOfUser(String userId) {
        return tx.global(dsl -> dsl.resultQuery("select org_id from identity_orgs_of_user(?)", userId)
                .fetch(r -> r.get(0, String.class)));
    }

    private static org.jooq.SelectJoinStep<Record> selectMembers(org.jooq.DSLContext dsl) {
        return dsl.select(MEMBERSHIPS.fields())
                .select(USERS.EMAIL, USERS.NAME)
                .from(MEMBERSHIPS)
                .join(USERS)
                .on(USERS.ID.eq(MEMBERSHIPS.USER_ID));
    }

    static Member map(Record r) {
        return new Member(
                r.get(MEMBERSHIPS.ID),
                r.get(MEMBERSHIPS.ORG_ID),
                r.get(MEMBERSHIPS.USER_ID),
                r.get(USERS.EMAIL),
                r.get(USERS.NAME),
                Role.fromWire(r.get(MEMBERSHIPS.ROLE)),
                r.get(MEMBERSHIPS.STATUS),
                r.get(MEMBERSHIPS.CREATED_AT),
                r.get(MEMBERSHIPS.UPDATED_AT),
                r.get(MEMBERSHIPS.INVITE_EXPIRES_AT),
                r.get(MEMBERSHIPS.INVITED_BY));
    }
}
