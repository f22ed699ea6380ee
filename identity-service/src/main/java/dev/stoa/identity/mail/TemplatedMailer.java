package dev.stoa.identity.mail;

import dev.stoa.identity.domain.model.Mail;
import dev.stoa.identity.domain.port.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * {@link Mailer} that renders the templates into a MIME message (text and HTML) and hands it to a delivery (SMTP or
 * the file mailbox) on a virtual thread: the caller never waits for a mail server, so a request that mails takes as
 * long as one that does not (forgot-password reveals nothing by its timing). Every mail is logged as one line; the
 * one-time link only where {@code logLinks} says so (the embedded default).
 */
final class TemplatedMailer implements Mailer, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TemplatedMailer.class);

    private final MailTemplates templates;
    private final Delivery delivery;
    private final String from;
    private final boolean logLinks;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    TemplatedMailer(MailTemplates templates, Delivery delivery, String from, boolean logLinks) {
        this.templates = templates;
        this.delivery = delivery;
        this.from = from;
        this.logLinks = logLinks;
    }

    @Override
    public void send(Mail mail) {
        threads.execute(() -> deliver(mail));
    }

    private void deliver(Mail mail) {
        try {
            delivery.deliver(message(mail));
            if (logLinks) {
                log.info("mail {} to {} ({}): {}", mail.kind().template(), mail.to(), delivery.where(), mail.link());
            } else {
                log.info("mail {} to {} ({})", mail.kind().template(), mail.to(), delivery.where());
            }
        } catch (MessagingException | RuntimeException e) {
            // no link, no body: the user asks again (resend, forgot-password, a new invite)
            log.warn(
                    "mail {} to {} could not be delivered ({}): {}",
                    mail.kind().template(),
                    mail.to(),
                    delivery.where(),
                    e.toString());
        }
    }

    MimeMessage message(Mail mail) throws MessagingException {
        MailTemplates.Rendered rendered = templates.render(mail);
        MimeMessage message = delivery.newMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(from);
        helper.setTo(mail.to());
        helper.setSubject(rendered.subject());
        helper.setText(rendered.text(), rendered.html());
        message.setHeader("X-Stoa-Mail", mail.kind().template());
        return message;
    }

    @Override
    public void close() {
        threads.close(); // waits for mails in flight
    }

    /** Where rendered messages go. */
    interface Delivery {
        default MimeMessage newMessage() {
            return new MimeMessage(Session.getInstance(new Properties()));
        }

        void deliver(MimeMessage message) throws MessagingException;

        /** For the log line: "smtp mail.example.com:587", "file /home/.stoa/mail". */
        String where();
    }
}
