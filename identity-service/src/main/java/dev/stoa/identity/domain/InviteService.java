package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.Mail;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.Org;
import dev.stoa.identity.domain.model.PendingInvite;
import dev.stoa.identity.domain.model.TokenPair;
import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.CredentialLookups;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.MembershipRepository;
import dev.stoa.identity.domain.port.OrgRepository;
import dev.stoa.identity.domain.port.PasswordAuthority;
import dev.stoa.identity.domain.port.PasswordAuthority.Enrolled;
import dev.stoa.identity.domain.port.PasswordAuthority.NewAccount;
import dev.stoa.identity.domain.port.UserRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invites by consent. An invite is a pending membership; nobody joins an org until they say so. A new email gets a
 * password-less account and a token by mail (never in the inviter's response) that sets its first password once, while
 * the invite is pending; an existing account gets a notice and accepts or declines from its own session, once its
 * email is verified. Admins list and revoke pending invites; invites expire.
 */
@Service
public final class InviteService {
    private final MembershipRepository members;
    private final UserRepository users;
    private final OrgRepository orgs;
    private final CredentialLookups lookups;
    private final AccountMails mails;
    private final SessionIssuer sessionIssuer;
    private final PasswordAuthority passwords;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;
    private final IdentitySettings settings;
    private final Clock clock;

    InviteService(
            MembershipRepository members,
            UserRepository users,
            OrgRepository orgs,
            CredentialLookups lookups,
            AccountMails mails,
            SessionIssuer sessionIssuer,
            PasswordAuthority passwords,
            IdentityEvents events,
            TransactionTemplate transactions,
            IdentitySettings settings,
            Clock clock) {
        this.members = members;
        this.users = users;
        this.orgs = orgs;
        this.lookups = lookups;
        this.mails = mails;
        this.sessionIssuer = sessionIssuer;
        this.passwords = passwords;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** Invites an email (admin; the owner role needs an owner). The invitee is mailed; the inviter gets no token. */
    public Member invite(Principal principal, String email, Role role) {
        principal.requireScope("members:write");
        principal.requireRole(Role.ADMIN);
        if (role == Role.OWNER) {
            principal.requireRole(Role.OWNER);
        }
        User inviter = users.findById(SecretCredentials.actingUser(principal))
                .orElseThrow(() -> new PermissionDeniedException("not_a_user", "only a user may invite"));
        if (!inviter.verified()) {
            // an address nobody proved must not mail strangers in the org's name
            throw emailNotVerified("verify your email before inviting anyone");
        }
        String normalized = AuthService.normalize(email);
        Invited invited = transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            User user = users.findByEmail(normalized).orElse(null);
            if (user == null) {
                user = new User(
                        Ids.generate("usr"), normalized, normalized.substring(0, normalized.indexOf('@')), null, now);
                if (!users.insert(user)) {
                    throw new ConflictException("concurrent_invite", "this email was just registered; try again");
                }
            }
            Member existing = members.findByUser(principal.orgId(), user.id()).orElse(null);
            if (existing != null && existing.active()) {
                throw new ConflictException("already_member", "this email is already a member of the org");
            }
            if (existing != null && isPending(existing, now)) {
                throw new ConflictException("already_invited", "this email has a pending invite; revoke it first");
            }
            if (existing != null) {
                members.delete(principal.orgId(), existing.id()); // an expired invite makes way for a new one
            }
            String memberId = Ids.generate("mem");
            // only an account without any credential may take a password from the invite's token
            String token = user.hasCredential() ? null : Secrets.generate(Secrets.INVITE_PREFIX);
            members.insert(
                    memberId,
                    principal.orgId(),
                    user.id(),
                    role,
                    Member.INVITED,
                    token == null ? null : Secrets.sha256Hex(token),
                    now.plus(settings.inviteTtl()),
                    inviter.id(),
                    now);
            events.audit(
                    principal.orgId(),
                    principal,
                    null,
                    "member.invited",
                    "member",
                    memberId,
                    Map.of("role", role.wire()));
            Org org = orgs.find(principal.orgId()).orElseThrow();
            String from = inviter.name() + " (" + inviter.email() + ")";
            Mail mail = token == null
                    ? mails.inviteExistingAccount(normalized, org.name(), from, role.wire())
                    : mails.inviteNewAccount(normalized, token, org.name(), from, role.wire());
            return new Invited(members.find(principal.orgId(), memberId).orElseThrow(), mail);
        });
        mails.send(invited.mail());
        return invited.member();
    }

    /** The org's pending and expired invites (admin). */
    public Page<Member> list(Principal principal, PageRequest page) {
        principal.requireScope("members:read");
        principal.requireRole(Role.ADMIN);
        return members.listInvited(principal.orgId(), page);
    }

    /** Withdraws an invite that was not accepted yet (admin). */
    public void revoke(Principal principal, String inviteId) {
        principal.requireScope("members:write");
        principal.requireRole(Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            Member invite = (Ids.isValid("mem", inviteId)
                            ? members.lock(principal.orgId(), inviteId)
                            : Optional.<Member>empty())
                    .filter(m -> !m.active())
                    .orElseThrow(() -> new NotFoundException("invite", inviteId));
            members.delete(principal.orgId(), invite.id());
            events.audit(principal.orgId(), principal, null, "member.invite_revoked", "member", invite.id(), Map.of());
        });
    }

    /** The caller's own pending invites, in every org. */
    public List<PendingInvite> mine(Principal principal) {
        User user = verifiedCaller(principal);
        OffsetDateTime now = OffsetDateTime.now(clock);
        return members.invitesOfUser(user.id()).stream()
                .filter(i -> i.expiresAt().isAfter(now))
                .toList();
    }

    /** The caller accepts one of their invites and becomes an active member of its org. */
    public void accept(Principal principal, String inviteId) {
        answer(principal, inviteId, true);
    }

    /** The caller declines one of their invites; it is gone. */
    public void decline(Principal principal, String inviteId) {
        answer(principal, inviteId, false);
    }

    /**
     * Sets the first password of an invited new account with the mailed token, joins the org and logs in. Works once,
     * while the invite is pending, and only for an account that has no credential yet (anyone else logs in and
     * accepts from their session). The mail proved the address, so the account is verified.
     */
    public TokenPair acceptWithToken(String inviteToken, String password, @Nullable String name) {
        if (!inviteToken.startsWith(Secrets.INVITE_PREFIX) || inviteToken.length() > 200) {
            throw inviteTokenProblem("invalid", "is not a valid invite token");
        }
        String hash = Secrets.sha256Hex(inviteToken);
        String orgId = lookups.orgOfInvite(hash)
                .orElseThrow(() -> inviteTokenProblem("invalid", "is not a valid invite token"));
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            Member member = members.findByInviteHash(orgId, hash)
                    .flatMap(m -> members.lock(orgId, m.id()))
                    .filter(m -> !m.active())
                    .orElseThrow(() -> inviteTokenProblem("invalid", "is not a valid invite token"));
            if (!isPending(member, now)) {
                throw inviteTokenProblem("expired", "has expired; ask for a new invite");
            }
            User user = users.lockById(member.userId())
                    .orElseThrow(() -> inviteTokenProblem("invalid", "is not a valid invite token"));
            if (user.hasCredential()) {
                throw new StoaException(
                        ErrorKind.FAILED_PRECONDITION,
                        "invite_requires_login",
                        "this account already has a password: log in and accept the invite from your session");
            }
            PasswordPolicy.check(password, user.email());
            String displayName = name == null || name.isBlank() ? user.name() : name.strip();
            Enrolled enrolled = passwords.enroll(new NewAccount(user.email(), displayName, password, orgId));
            try {
                users.setCredential(
                        user.id(),
                        enrolled.passwordHash(),
                        enrolled.externalId(),
                        name == null ? null : name.strip(),
                        now);
                users.markVerified(user.id(), now);
                members.activate(orgId, member.id(), now);
                events.audit(orgId, null, user.id(), "member.joined", "member", member.id(), Map.of());
                Org org = orgs.find(orgId).orElseThrow();
                User updated = users.findById(user.id()).orElseThrow();
                return sessionIssuer.open(updated, org, member.role());
            } catch (RuntimeException e) {
                passwords.discard(enrolled);
                throw e;
            }
        });
    }

    private void answer(Principal principal, String inviteId, boolean accept) {
        User user = verifiedCaller(principal);
        String orgId = (Ids.isValid("mem", inviteId) ? members.orgOfMembership(inviteId) : Optional.<String>empty())
                .orElseThrow(() -> new NotFoundException("invite", inviteId));
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            // someone else's invite answers like a missing one
            Member invite = members.lock(orgId, inviteId)
                    .filter(m -> !m.active() && m.userId().equals(user.id()))
                    .orElseThrow(() -> new NotFoundException("invite", inviteId));
            if (!isPending(invite, now)) {
                throw new StoaException(
                        ErrorKind.FAILED_PRECONDITION, "invite_expired", "this invite has expired; ask for a new one");
            }
            if (accept) {
                members.activate(orgId, invite.id(), now);
                events.audit(orgId, principal, null, "member.joined", "member", invite.id(), Map.of());
            } else {
                members.delete(orgId, invite.id());
                events.audit(orgId, principal, null, "member.invite_declined", "member", invite.id(), Map.of());
            }
        });
    }

    private User verifiedCaller(Principal principal) {
        if (principal.tokenType() != TokenType.USER || principal.userId() == null) {
            throw new PermissionDeniedException("not_a_session", "only a user's own session may answer invites");
        }
        User user = users.findById(principal.userId())
                .orElseThrow(() -> new PermissionDeniedException("not_a_session", "unknown user"));
        if (!user.verified()) {
            // whoever registered an address without owning it must not see or take its invites
            throw emailNotVerified("verify your email to see and answer invites");
        }
        return user;
    }

    private static boolean isPending(Member member, OffsetDateTime now) {
        return !member.active()
                && member.inviteExpiresAt() != null
                && member.inviteExpiresAt().isAfter(now);
    }

    static PermissionDeniedException emailNotVerified(String message) {
        return new PermissionDeniedException("email_not_verified", message);
    }

    private static StoaException inviteTokenProblem(String what, String message) {
        return new StoaException(
                what.equals("invalid") ? ErrorKind.INVALID_ARGUMENT : ErrorKind.FAILED_PRECONDITION,
                "invite_token_" + what,
                "invite_token: " + message,
                false,
                List.of(new FieldError("invite_token", message)),
                null);
    }

    private record Invited(Member member, Mail mail) {}
}
