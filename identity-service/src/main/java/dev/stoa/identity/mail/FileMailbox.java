package dev.stoa.identity.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The embedded default's mailbox: each mail an RFC 822 {@code .eml} file in one directory (any mail client opens
 * it), named so they sort by time. Nothing to set up, nothing leaves the machine.
 */
final class FileMailbox implements TemplatedMailer.Delivery {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

    private final Path directory;
    private final Clock clock;

    FileMailbox(Path directory, Clock clock) {
        this.directory = directory.toAbsolutePath().normalize();
        this.clock = clock;
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mail directory " + this.directory, e);
        }
    }

    @Override
    public void deliver(MimeMessage message) throws MessagingException {
        message.saveChanges();
        String kind = String.valueOf(message.getHeader("X-Stoa-Mail", null));
        String name = STAMP.format(clock.instant().atZone(java.time.ZoneOffset.UTC)) + "-" + kind + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".eml";
        Path file = directory.resolve(name);
        Path partial = directory.resolve(name + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("cannot write " + file, e);
        }
        try {
            // readers never see half a mail
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MessagingException("cannot write " + file, e);
        }
    }

    @Override
    public String where() {
        return "file " + directory;
    }
}
