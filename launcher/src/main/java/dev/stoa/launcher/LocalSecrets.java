package dev.stoa.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded default's secrets: an encryption key ring and the gateway's service credential, generated on
 * first start and kept (owner-readable only) in {@code STOA_HOME/secrets.properties} so data sealed yesterday
 * still opens today. Production deployments supply these from a secret store instead.
 */
public record LocalSecrets(String encryptionKey, String gatewaySecret, String chatSecret) {

    public static LocalSecrets loadOrCreate(Path home) throws IOException {
        Path file = home.resolve("secrets.properties");
        Properties props = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            }
        } else {
            Files.createDirectories(home);
            props.setProperty("encryption.v1", Base64.getEncoder().encodeToString(randomBytes()));
            props.setProperty("service.gateway", randomSecret());
            props.setProperty("service.chat", randomSecret());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(file)) {
                props.store(out, "Stoa embedded default secrets: keep private, back up with the data");
            }
        }
        if (props.getProperty("service.chat") == null) {
            // A home created before chat-service existed: add its credential, keep the rest.
            props.setProperty("service.chat", randomSecret());
            try (Writer out = Files.newBufferedWriter(file)) {
                props.store(out, "Stoa embedded default secrets: keep private, back up with the data");
            }
        }
        return new LocalSecrets(
                props.getProperty("encryption.v1"),
                props.getProperty("service.gateway"),
                props.getProperty("service.chat"));
    }

    static String randomSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "LocalSecrets[redacted]";
    }
}
