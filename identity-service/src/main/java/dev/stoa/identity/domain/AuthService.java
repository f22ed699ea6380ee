package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.common.id.Ids;
import dev.stoa.identity.domain.model.Mail;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.Org;
import dev.stoa.identity.domain.model.Session;
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
import dev.stoa.identity.domain.port.SessionRepository;
import dev.stoa.identity.domain.port.UserRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Register, login, refresh and logout. Passwords are checked by the {@link PasswordAuthority}
 * of the mode (identity's database or Keycloak); sessions and tokens are identity's own in both modes.
 */
@Service
public final class AuthService {
    private final UserRepository users;
    private final OrgRepository orgs;
    private final MembershipRepository members;
    private final SessionRepository sessions;
    private final CredentialLookups lookups;
    private final SessionIssuer sessionIssuer;
    private final AccountMails accountMails;
    private final LoginThrottle throttle;
    private final PasswordAuthority passwords;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;
    private final IdentitySettings properties;
    private final Clock clock;

    AuthService(
            UserRepository users,
            OrgRepository orgs,
            MembershipRepository members,
            SessionRepository sessions,
            CredentialLookups lookups,
            SessionIssuer sessionIssuer,
            AccountMails accountMails,
            LoginThrottle throttle,
            PasswordAuthority passwords,
            IdentityEvents events,
            TransactionTemplate transactions,
            IdentitySettings properties,
            Clock clock) {
        this.users = users;
        this.orgs = orgs;
        this.members = members;
        this.sessions = sessions;
        this.lookups = lookups;
        this.sessionIssuer = sessionIssuer;
        this.accountMails = accountMails;
        this.throttle = throttle;
        this.passwords = passwords;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Creates a user and an org; the user becomes its owner, is logged in, and is mailed a link to verify the address.
     * The account stays unverified until then (see {@link AccountService}). An address that was only invited (an
     * account without any credential) is taken over by the registration; its pending invites wait for verification.
     */
    public TokenPair register(String email, String password, String name, @Nullable String orgName) {
        String normalized = normalize(email);
        PasswordPolicy.check(password, normalized);
        User existing = users.findByEmail(normalized).orElse(null);
        if (existing != null && existing.hasCredential()) {
            throw emailTaken();
        }
        String orgId = Ids.generate("org");
        Enrolled enrolled = passwords.enroll(new NewAccount(normalized, name.strip(), password, orgId));
        Registered registered;
        try {
            registered = transactions.execute(status -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                User user = claimOrInsert(existing, normalized, name.strip(), enrolled, now);
                String displayName = orgName == null || orgName.isBlank() ? user.name() + "'s org" : orgName.strip();
                Org org = createOrg(orgId, displayName, now);
                members.insert(
                        Ids.generate("mem"), org.id(), user.id(), Role.OWNER, Member.ACTIVE, null, null, null, now);
                events.audit(org.id(), null, user.id(), "user.registered", "user", user.id(), Map.of());
                return new Registered(sessionIssuer.open(user, org, Role.OWNER), accountMails.verification(user));
            });
        } catch (RuntimeException e) {
            passwords.discard(enrolled);
            throw e;
        }
        accountMails.send(registered.mail());
        return registered.tokens();
    }

    private User claimOrInsert(
            @Nullable User placeholder, String email, String name, Enrolled enrolled, OffsetDateTime now) {
        if (placeholder != null) {
            User locked = users.lockById(placeholder.id()).orElseThrow(AuthService::emailTaken);
            if (locked.hasCredential()) {
                throw emailTaken();
            }
            users.setCredential(locked.id(), enrolled.passwordHash(), enrolled.externalId(), name, now);
            return users.findById(locked.id()).orElseThrow();
        }
        User user =
                new User(Ids.generate("usr"), email, name, enrolled.passwordHash(), now, enrolled.externalId(), null);
        if (!users.insert(user)) {
            throw emailTaken();
        }
        return user;
    }

    /**
     * Checks the password and opens a session; one answer for an unknown email and a wrong password. Attempts are
     * throttled per email and client address ({@link LoginThrottle}); a hash made with older parameters is replaced.
     */
    public TokenPair login(String email, String password, @Nullable String orgId, String clientAddress) {
        String normalized = normalize(email);
        throttle.attempt(normalized, clientAddress);
        User user = users.findByEmail(normalized).orElse(null);
        boolean ok = passwords.verify(user, normalized, password);
        if (user == null || !ok) {
            throw invalidCredentials();
        }
        List<String> userOrgs = members.orgsOfUser(user.id());
        String chosen = orgId == null ? userOrgs.stream().findFirst().orElse(null) : orgId;
        if (chosen == null || !userOrgs.contains(chosen)) {
            throw invalidCredentials();
        }
        throttle.succeeded(normalized, clientAddress);
        String upgraded = passwords.upgradedHash(user, password);
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            if (upgraded != null && user.passwordHash() != null) {
                users.replacePasswordHash(user.id(), user.passwordHash(), upgraded, now);
            }
            Org org = orgs.find(chosen).orElseThrow(AuthService::invalidCredentials);
            Member member = members.findByUser(chosen, user.id()).orElseThrow(AuthService::invalidCredentials);
            events.audit(chosen, null, user.id(), "auth.login", "session", user.id(), Map.of());
            return sessionIssuer.open(user, org, member.role());
        });
    }

    /**
     * Rotates a refresh token. Presenting one that was already used means it leaked: the whole session is revoked
     * (committed before the 401 is returned).
     */
    public TokenPair refresh(String refreshToken) {
        String hash = Secrets.sha256Hex(refreshToken);
        String orgId = lookups.orgOfRefreshToken(hash).orElseThrow(AuthService::invalidRefreshToken);
        RefreshOutcome outcome = transactions.execute(status -> {
            var token = sessions.lockRefreshToken(orgId, hash).orElseThrow(AuthService::invalidRefreshToken);
            OffsetDateTime now = OffsetDateTime.now(clock);
            Session session = sessions.find(orgId, token.sessionId()).orElseThrow(AuthService::invalidRefreshToken);
            if (session.revokedAt() != null
                    || session.expiresAt().isBefore(now)
                    || token.expiresAt().isBefore(now)) {
                return new RefreshOutcome(null, false);
            }
            if (token.usedAt() != null) {
                revokeSession(orgId, session.id(), "refresh_token_reused", now);
                events.audit(
                        orgId,
                        null,
                        session.userId(),
                        "auth.refresh_reuse_detected",
                        "session",
                        session.id(),
                        Map.of());
                return new RefreshOutcome(null, true);
            }
            sessions.markRefreshTokenUsed(orgId, token.id(), now);
            User user = users.findById(session.userId()).orElseThrow(AuthService::invalidRefreshToken);
            Org org = orgs.find(orgId).orElseThrow(AuthService::invalidRefreshToken);
            Member member = members.findByUser(orgId, user.id()).orElse(null);
            if (member == null || !member.status().equals("active")) {
                return new RefreshOutcome(null, false);
            }
            if (!passwords.isActive(user)) {
                revokeSession(orgId, session.id(), "account_disabled", now);
                events.audit(orgId, null, user.id(), "auth.account_disabled", "session", session.id(), Map.of());
                return new RefreshOutcome(null, false);
            }
            return new RefreshOutcome(sessionIssuer.tokensFor(session, user, org, member.role()), false);
        });
        if (outcome.reused()) {
            throw new UnauthenticatedException(
                    "refresh_token_reused", "this refresh token was already used; the session has been revoked");
        }
        if (outcome.tokens() == null) {
            throw invalidRefreshToken();
        }
        return outcome.tokens();
    }

    /** Revokes the caller's session: its access tokens are refused and its refresh tokens are dead. */
    public void logout(Principal principal) {
        if (principal.tokenType() != TokenType.USER) {
            throw new PermissionDeniedException("not_a_session", "only a user session can log out");
        }
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            revokeSession(principal.orgId(), principal.sessionId(), "logout", now);
            events.audit(principal.orgId(), principal, null, "auth.logout", "session", principal.sessionId(), Map.of());
        });
        String userId = principal.userId() == null ? principal.subject() : principal.userId();
        users.findById(userId).ifPresent(passwords::endSessions);
    }

    /** Who the caller is: user, org, role and the credential they used. */
    public MeView me(Principal principal) {
        String userId = principal.userId() == null ? principal.subject() : principal.userId();
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("user", userId));
        Org org = orgs.find(principal.orgId()).orElseThrow(() -> new NotFoundException("org", principal.orgId()));
        Session session = principal.tokenType() == TokenType.USER
                ? sessions.find(principal.orgId(), principal.sessionId()).orElse(null)
                : null;
        return new MeView(user, org, principal, session);
    }

    /** Revokes one session and tells the gateways; a no-op for an already revoked session. */
    void revokeSession(String orgId, String sessionId, String reason, OffsetDateTime now) {
        if (sessions.revoke(orgId, sessionId, reason, now)) {
            events.credentialRevoked(orgId, sessionId, "session", "", now.plus(properties.accessTokenTtl()));
        }
    }

    private Org createOrg(String id, String name, OffsetDateTime now) {
        String base = Slugs.slugify(name);
        for (int attempt = 0; attempt < 5; attempt++) {
            String slug = attempt == 0
                    ? base
                    : base + "-"
                            + Secrets.generate("")
                                    .substring(0, 6)
                                    .toLowerCase(Locale.ROOT)
                                    .replaceAll("[^a-z0-9]", "x");
            Org org = new Org(id, name, slug, "{}", now, now);
            if (orgs.insert(org)) {
                return org;
            }
        }
        throw new ConflictException("slug_taken", "could not find a free slug for the org");
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static ConflictException emailTaken() {
        return new ConflictException("email_taken", "an account with this email already exists");
    }

    private static UnauthenticatedException invalidCredentials() {
        return new UnauthenticatedException("invalid_credentials", "email or password is wrong");
    }

    private static UnauthenticatedException invalidRefreshToken() {
        return new UnauthenticatedException("invalid_refresh_token", "the refresh token is invalid or expired");
    }

    /** What {@code GET /auth/me} shows. */
    public record MeView(
            User user,
            Org org,
            Principal principal,
            @Nullable Session session) {}

    private record RefreshOutcome(@Nullable TokenPair tokens, boolean reused) {}

    private record Registered(TokenPair tokens, Optional<Mail> mail) {}
}
