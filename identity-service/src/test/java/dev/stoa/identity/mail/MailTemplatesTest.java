package dev.stoa.identity.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.identity.domain.model.Mail;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailTemplatesTest {
    private static final String LINK = "http://localhost:8080/accept-invite?token=stoa_inv_abc";
    private final MailTemplates templates = new MailTemplates();

    @Test
    void everyKindRendersASubjectATextAndAnHtmlPartWithItsLink() {
        for (Mail.Kind kind : Mail.Kind.values()) {
            MailTemplates.Rendered rendered = templates.render(mail(kind, "Acme"));
            assertThat(rendered.subject()).as(kind.name()).isNotBlank().doesNotContain("{{");
            assertThat(rendered.text()).contains(LINK).doesNotContain("{{");
            assertThat(rendered.html()).contains("<a href=").contains("stoa_inv_abc");
        }
    }

    @Test
    void anOrgNameIsEscapedInHtmlAndCannotStartAHeader() {
        String hostile = "<script>alert(1)</script>\r\nBcc: victim@example.com";

        MailTemplates.Rendered rendered = templates.render(mail(Mail.Kind.INVITE_NEW_ACCOUNT, hostile));

        assertThat(rendered.html()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(rendered.subject()).doesNotContain("\r").doesNotContain("\n");
        assertThat(rendered.text()).contains("<script>"); // plain text shows the name as it is
    }

    @Test
    void theFileMailboxWritesOneReadableEmlPerMail(@TempDir Path directory) throws Exception {
        TemplatedMailer mailer = new TemplatedMailer(
                templates, new FileMailbox(directory, Clock.systemUTC()), "Stoa <no-reply@stoa.local>", false);

        mailer.send(mail(Mail.Kind.VERIFY_EMAIL, "Acme"));
        mailer.close();

        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.getFirst().getFileName().toString())
                .contains("-verify-email-")
                .endsWith(".eml");
        try (InputStream in = Files.newInputStream(files.getFirst())) {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
            assertThat(message.getSubject()).isEqualTo("Verify your email for Stoa");
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ada@example.com");
            assertThat(message.getHeader("X-Stoa-Mail")[0]).isEqualTo("verify-email");
        }
    }

    private static Mail mail(Mail.Kind kind, String orgName) {
        return new Mail(
                kind,
                "ada@example.com",
                LINK,
                Map.of(
                        "name", "Ada",
                        "org_name", orgName,
                        "inviter", "Bob (bob@example.com)",
                        "role", "member",
                        "expires_in", "7 days"));
    }
}
