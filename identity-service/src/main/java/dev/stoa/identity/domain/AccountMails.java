package dev.stoa.identity.domain;

import dev.stoa.common.id.Ids;
import dev.stoa.identity.domain.model.AccountToken;
import dev.stoa.identity.domain.model.AccountToken.Purpose;
import dev.stoa.identity.domain.model.Mail;
import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.AccountTokenRepository;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.Mailer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one-time tokens identity mails and the mails that carry them. A token is stored as its hash with the address it
 * went to; one account gets at most one mail of a kind per resend interval and a few a day. Prepare mails inside the
 * transaction that holds the user's row lock; send them after it commits.
 */
@Component
final class AccountMails {
    static final String VERIFY_PREFIX = "stoa_ev_";
    static final String RESET_PREFIX = "stoa_pr_";

    private final AccountTokenRepository tokens;
    private final Mailer mailer;
    private final IdentitySettings settings;
    private final Clock clock;

    AccountMails(AccountTokenRepository tokens, Mailer mailer, IdentitySettings settings, Clock clock) {
        this.tokens = tokens;
        this.mailer = mailer;
        this.settings = settings;
        this.clock = clock;
    }

    /** A verification mail for {@code user}'s address, or empty when the account was mailed too recently. */
    Optional<Mail> verification(User user) {
        return tokenMail(
                user, Purpose.VERIFY_EMAIL, VERIFY_PREFIX, settings.emailVerificationTtl(), Mail.Kind.VERIFY_EMAIL);
    }

    /** A password-reset mail, or empty when the account was mailed too recently. */
    Optional<Mail> passwordReset(User user) {
        return tokenMail(
                user, Purpose.PASSWORD_RESET, RESET_PREFIX, settings.passwordResetTtl(), Mail.Kind.PASSWORD_RESET);
    }

    /** An invite to a new account: its token sets the account's first password. */
    Mail inviteNewAccount(String email, String inviteToken, String orgName, String inviter, String role) {
        return invite(Mail.Kind.INVITE_NEW_ACCOUNT, email, link("/accept-invite", inviteToken), orgName, inviter, role);
    }

    /** An invite to an existing account: it carries no token, the invitee answers from their own session. */
    Mail inviteExistingAccount(String email, String orgName, String inviter, String role) {
        return invite(
                Mail.Kind.INVITE_EXISTING_ACCOUNT, email, settings.publicUrl() + "/invites", orgName, inviter, role);
    }

    private Optional<Mail> tokenMail(User user, Purpose purpose, String prefix, Duration ttl, Mail.Kind kind) {
        String path = kind == Mail.Kind.VERIFY_EMAIL ? "/verify-email" : "/reset-password";
        return issue(user, purpose, prefix, ttl)
                .map(token -> new Mail(
                        kind, user.email(), link(path, token), Map.of("name", user.name(), "expires_in", human(ttl))));
    }

    private Mail invite(Mail.Kind kind, String email, String link, String orgName, String inviter, String role) {
        return new Mail(
                kind,
                email,
                link,
                Map.of(
                        "org_name",
                        orgName,
                        "inviter",
                        inviter,
                        "role",
                        role,
                        "expires_in",
                        human(settings.inviteTtl())));
    }

    void send(Optional<Mail> mail) {
        mail.ifPresent(mailer::send);
    }

    void send(Mail mail) {
        mailer.send(mail);
    }

    /** Whether {@code user} may be sent another mail for {@code purpose} now; call with the user's row locked. */
    boolean mayMail(User user, Purpose purpose) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        IdentitySettings.MailLimits limits = settings.mailLimits();
        boolean recent = tokens.lastSent(user.id(), purpose)
                .map(last -> last.isAfter(now.minus(limits.resendInterval())))
                .orElse(false);
        return !recent && tokens.countSince(user.id(), purpose, now.minusDays(1)) < limits.perDay();
    }

    private Optional<String> issue(User user, Purpose purpose, String prefix, Duration ttl) {
        if (!mayMail(user, purpose)) {
            return Optional.empty();
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        String token = Secrets.generate(prefix);
        tokens.insert(
                new AccountToken(Ids.generate("atk"), user.id(), purpose, user.email(), now, now.plus(ttl), null),
                Secrets.sha256Hex(token));
        return Optional.of(token);
    }

    private String link(String path, String token) {
        String base = settings.publicUrl();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return base + path + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** "24 hours", "30 minutes", "7 days". */
    static String human(Duration duration) {
        if (duration.toDays() >= 2 && duration.toHours() % 24 == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toHours() >= 2 && duration.toMinutes() % 60 == 0) {
            return duration.toHours() + " hours";
        }
        return Math.max(1, duration.toMinutes()) + " minutes";
    }
}
