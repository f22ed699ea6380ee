package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real SMTP server in the test JVM (GreenMail on a free port) that identity mails to: started before the first
 * service context (its port is the system property {@code stoa.test.smtp.port}, which {@link IdentityServiceTest}
 * points {@code spring.mail.port} at), and given to tests that ask for it, to read the mails identity sent.
 */
public final class TestMailbox implements BeforeAllCallback, ParameterResolver {
    static final String PORT_PROPERTY = "stoa.test.smtp.port";
    private static final Pattern TOKEN = Pattern.compile("(stoa_[a-z]+_[A-Za-z0-9_-]{20,})");
    private static GreenMail server;

    /** The JVM's SMTP server, started on first use. */
    static synchronized GreenMail server() {
        if (server == null) {
            GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            started.start();
            System.setProperty(PORT_PROPERTY, Integer.toString(started.getSmtp().getPort()));
            server = started;
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestMailbox.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** Every mail to {@code email} so far, oldest first. */
    public List<MimeMessage> messagesTo(String email) {
        return Arrays.stream(server().getReceivedMessages())
                .filter(m -> recipients(m).contains(email.toLowerCase()))
                .toList();
    }

    /** Waits for the {@code n}-th mail to {@code email} (1-based) and returns its text part. */
    public String awaitMail(String email, int n) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(messagesTo(email)).hasSizeGreaterThanOrEqualTo(n));
        return text(messagesTo(email).get(n - 1));
    }

    /** Waits for the {@code n}-th mail to {@code email} and returns the one-time token its link carries. */
    public String awaitToken(String email, int n) {
        return token(awaitMail(email, n));
    }

    /** The one-time token in a mail's text. */
    public static String token(String text) {
        Matcher matcher = TOKEN.matcher(text);
        assertThat(matcher.find()).as("a token in: " + text).isTrue();
        return matcher.group(1);
    }

    /** The subject of the {@code n}-th mail to {@code email}. */
    public String subject(String email, int n) {
        try {
            return messagesTo(email).get(n - 1).getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients()).toLowerCase();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded text/plain part of a message. */
    static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String text = text(child);
                    if (!text.isEmpty()) {
                        return text;
                    }
                }
            }
            return "";
        } catch (Exception e) {
            throw new IllegalStateException("unreadable mail", e);
        }
    }
}
