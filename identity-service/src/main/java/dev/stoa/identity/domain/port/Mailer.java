package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.Mail;

/**
 * Sends identity's mails (SMTP, or a file mailbox in the embedded default). Sending never fails the caller: a mail
 * that cannot be delivered is logged, and the user asks again (resend, forgot-password, a new invite).
 */
public interface Mailer {
    void send(Mail mail);
}
