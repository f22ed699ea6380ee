package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.FailedPreconditionException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.error.RateLimitedException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.identity.domain.model.AccountToken;
import dev.stoa.identity.domain.model.AccountToken.Purpose;
import dev.stoa.identity.domain.model.Mail;
import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.AccountTokenRepository;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.MembershipRepository;
import dev.stoa.identity.domain.port.PasswordAuthority;
import dev.stoa.identity.domain.port.UserRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Email ownership and the password lifecycle. A token mailed to the address proves ownership: verifying it marks
 * the account verified; a reset token also sets a new password, ends every session and, if the account was never
 * verified, revokes every key its holder made: the real owner reclaims an address someone else registered.
 */
@Service
public final class AccountService {
    private final UserRepository users;
    private final MembershipRepository members;
    private final AccountTokenRepository tokens;
    private final AccountMails mails;
    private final AccountRevocations revocations;
    private final PasswordAuthority passwords;
    private final LoginThrottle throttle;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AccountService(
            UserRepository users,
            MembershipRepository members,
            AccountTokenRepository tokens,
            AccountMails mails,
            AccountRevocations revocations,
            PasswordAuthority passwords,
            LoginThrottle throttle,
            IdentityEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.members = members;
        this.tokens = tokens;
        this.mails = mails;
        this.revocations = revocations;
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Marks the account of a mailed verification token verified; the token works once. */
    public User verifyEmail(String token) {
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            Presented presented = present(token, Purpose.VERIFY_EMAIL, AccountMails.VERIFY_PREFIX, now);
            users.markVerified(presented.user().id(), now);
            tokens.useAll(presented.user().id(), Purpose.VERIFY_EMAIL, now);
            auditEverywhere(presented.user().id(), "user.email_verified");
            return users.findById(presented.user().id()).orElseThrow();
        });
    }

    /** Mails the caller a new verification link; throttled per account. */
    public void resendVerification(Principal principal) {
        requireUserSession(principal);
        Optional<Mail> mail = transactions.execute(status -> {
            User user = users.lockById(sessionUser(principal)).orElseThrow(AccountService::notASession);
            if (user.verified()) {
                throw new FailedPreconditionException("email_already_verified", "this email is already verified");
            }
            Optional<Mail> prepared = mails.verification(user);
            if (prepared.isEmpty()) {
                throw new RateLimitedException(
                        "verification_recently_sent", "a verification mail was sent recently; check your inbox");
            }
            return prepared;
        });
        mails.send(mail);
    }

    /**
     * Mails a reset link if an account with a password has this email. Answers the same whether or not one does, and
     * mails an account at most once a resend interval (silently), so it neither enumerates accounts nor bombs inboxes.
     */
    public void forgotPassword(String email) {
        String normalized = AuthService.normalize(email);
        Optional<Mail> mail = transactions.execute(status -> users.findByEmail(normalized)
                .filter(User::hasCredential)
                .flatMap(user -> users.lockById(user.id()))
                .flatMap(mails::passwordReset));
        // sent off the request thread (Mailer), so a known email takes as long to answer as an unknown one
        mails.send(mail);
    }

    /**
     * Sets a new password with a mailed reset token and ends every session of the account. Someone who registered the
     * address without owning it loses the account: an unverified account also has its API keys and SDK connections
     * revoked, and the reset verifies it (the token came through the mailbox).
     */
    public void resetPassword(String token, String password) {
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            Presented presented = present(token, Purpose.PASSWORD_RESET, AccountMails.RESET_PREFIX, now);
            User user = presented.user();
            PasswordPolicy.check(password, user.email());
            users.setPasswordHash(user.id(), passwords.hashForChange(user, password), now);
            tokens.useAll(user.id(), Purpose.PASSWORD_RESET, now);
            boolean reclaimed = !user.verified();
            if (reclaimed) {
                users.markVerified(user.id(), now);
                tokens.useAll(user.id(), Purpose.VERIFY_EMAIL, now);
                revocations.revokeCredentialsEverywhere(user.id(), "email_reclaimed", now);
            }
            revocations.endSessionsEverywhere(user.id(), null, "password_reset", now);
            auditEverywhere(user.id(), reclaimed ? "user.email_reclaimed" : "user.password_reset");
        });
    }

    /** Changes the caller's password (the current one is checked and throttled like a login); ends other sessions. */
    public void changePassword(Principal principal, String currentPassword, String newPassword, String clientAddress) {
        requireUserSession(principal);
        User user = users.findById(sessionUser(principal)).orElseThrow(AccountService::notASession);
        throttle.attempt(user.email(), clientAddress);
        if (!passwords.verify(user, user.email(), currentPassword)) {
            throw new UnauthenticatedException("invalid_credentials", "the current password is wrong");
        }
        throttle.succeeded(user.email(), clientAddress);
        PasswordPolicy.check(newPassword, user.email());
        if (newPassword.equals(currentPassword)) {
            throw new InvalidInputException("new_password", "must differ from the current password");
        }
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            User locked = users.lockById(user.id()).orElseThrow(AccountService::notASession);
            users.setPasswordHash(locked.id(), passwords.hashForChange(locked, newPassword), now);
            tokens.useAll(locked.id(), Purpose.PASSWORD_RESET, now);
            revocations.endSessionsEverywhere(locked.id(), principal.sessionId(), "password_changed", now);
            events.audit(principal.orgId(), principal, null, "user.password_changed", "user", locked.id(), Map.of());
        });
    }

    /** The live token a presented secret names, locked, with its account; one answer for every bad token. */
    private Presented present(String token, Purpose purpose, String prefix, OffsetDateTime now) {
        if (!token.startsWith(prefix) || token.length() > 200) {
            throw invalidToken(purpose);
        }
        AccountToken stored = tokens.lockByHash(Secrets.sha256Hex(token))
                .filter(t -> t.purpose() == purpose)
                .orElseThrow(() -> invalidToken(purpose));
        if (stored.usedAt() != null) {
            throw tokenProblem(purpose, "used", "was already used; ask for a new one");
        }
        if (!stored.expiresAt().isAfter(now)) {
            throw tokenProblem(purpose, "expired", "has expired; ask for a new one");
        }
        User user = users.lockById(stored.userId()).orElseThrow(() -> invalidToken(purpose));
        if (!user.email().equals(stored.email())) {
            throw invalidToken(purpose); // sent to an address the account no longer has
        }
        return new Presented(stored, user);
    }

    private void auditEverywhere(String userId, String action) {
        for (String orgId : members.orgsOfUser(userId)) {
            events.audit(orgId, null, userId, action, "user", userId, Map.of());
        }
    }

    private static void requireUserSession(Principal principal) {
        if (principal.tokenType() != TokenType.USER || principal.userId() == null) {
            throw notASession();
        }
    }

    private static String sessionUser(Principal principal) {
        String userId = principal.userId();
        if (userId == null) {
            throw notASession();
        }
        return userId;
    }

    private static PermissionDeniedException notASession() {
        return new PermissionDeniedException("not_a_session", "only a user's own session may do this");
    }

    /** 400 {@code verification_token_invalid} / {@code reset_token_invalid}: unknown, foreign or malformed. */
    static StoaException invalidToken(Purpose purpose) {
        return tokenProblem(purpose, "invalid", "is not a valid token");
    }

    /** A refused token: {@code <purpose>_token_<what>}, naming the field, never a 500. */
    static StoaException tokenProblem(Purpose purpose, String what, String message) {
        String code = (purpose == Purpose.VERIFY_EMAIL ? "verification" : "reset") + "_token_" + what;
        return new StoaException(
                what.equals("invalid") ? ErrorKind.INVALID_ARGUMENT : ErrorKind.FAILED_PRECONDITION,
                code,
                "token: " + message,
                false,
                List.of(new FieldError("token", message)),
                null);
    }

    private record Presented(AccountToken token, User user) {}
}
