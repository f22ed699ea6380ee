package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The embedded default's mailbox as a user reads it: the .eml files identity writes to {@code STOA_HOME/mail}. */
final class EmbeddedMailbox {
    private static final Pattern TOKEN = Pattern.compile("(stoa_[a-z]+_[A-Za-z0-9_-]{20,})");
    private final Path directory;

    EmbeddedMailbox(Path directory) {
        this.directory = directory;
    }

    /** The text of every mail to {@code email}, oldest first. */
    List<String> mailsTo(String email) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml"))
                    .sorted()
                    .map(EmbeddedMailbox::read)
                    .filter(m -> to(m).contains(email.toLowerCase()))
                    .map(EmbeddedMailbox::text)
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for the {@code n}-th mail to {@code email} (1-based) and returns its text. */
    String awaitMail(String email, int n) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(mailsTo(email)).hasSizeGreaterThanOrEqualTo(n));
        return mailsTo(email).get(n - 1);
    }

    /** The one-time token of the {@code n}-th mail to {@code email}. */
    String awaitToken(String email, int n) {
        Matcher matcher = TOKEN.matcher(awaitMail(email, n));
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static MimeMessage read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable mail " + file, e);
        }
    }

    private static String to(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients()).toLowerCase();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = text(multipart.getBodyPart(i));
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
