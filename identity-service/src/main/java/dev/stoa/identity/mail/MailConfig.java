package dev.stoa.identity.mail;

import dev.stoa.identity.config.IdentityProperties;
import dev.stoa.identity.domain.port.Mailer;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Identity's mailer: SMTP through Spring Mail ({@code spring.mail.*}) or the file mailbox, by
 * {@code stoa.identity.mail.delivery}. SMTP without a host is a mistake, refused at start.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfig {

    @Bean
    Mailer mailer(IdentityProperties properties, ObjectProvider<JavaMailSender> smtp, Clock clock) {
        IdentityProperties.Mail mail = properties.mail();
        TemplatedMailer.Delivery delivery = mail.delivery().equals("file")
                ? new FileMailbox(Path.of(mail.directory()), clock)
                : smtp(smtp.getIfAvailable());
        return new TemplatedMailer(new MailTemplates(), delivery, mail.from(), mail.logLinks());
    }

    private static TemplatedMailer.Delivery smtp(@Nullable JavaMailSender sender) {
        if (!(sender instanceof JavaMailSenderImpl impl)
                || impl.getHost() == null
                || impl.getHost().isBlank()) {
            throw new IllegalStateException("stoa.identity.mail.delivery=smtp needs spring.mail.host (STOA_SMTP_HOST);"
                    + " or set stoa.identity.mail.delivery=file");
        }
        return new TemplatedMailer.Delivery() {
            @Override
            public MimeMessage newMessage() {
                return impl.createMimeMessage();
            }

            @Override
            public void deliver(MimeMessage message) {
                impl.send(message);
            }

            @Override
            public String where() {
                return "smtp " + impl.getHost() + ":" + impl.getPort();
            }
        };
    }
}
