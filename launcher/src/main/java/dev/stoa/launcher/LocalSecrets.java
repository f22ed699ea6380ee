package dev.stoa.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The embedded default's secrets: an encryption key ring and each service's service credential (the gateway exchanges
 * credentials with it, agent-service reads identity's revocation list with it, chat-service calls agent-service),
 * (tool-router reads the revocation list with its own) generated on first start and kept (owner-readable only) in {@code STOA_HOME/secrets.properties} so data sealed
 * yesterday still opens today. Production deployments supply these from a secret store instead.
 */
public record LocalSecrets(String encryptionKey, Map<String, String> serviceSecrets) {
    /** The service clients identity-service knows, by client id. */
    static final List<String> SERVICE_CLIENTS = List.of("gateway", "agent", "chat", "toolrouter", "memory", "eval");

    public LocalSecrets {
        serviceSecrets = Map.copyOf(serviceSecrets);
    }

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
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        boolean added = false;
        for (String client : SERVICE_CLIENTS) {
            // a home made before this service had a credential of its own gains one; the rest is kept
            if (props.getProperty("service." + client) == null) {
                props.setProperty("service." + client, randomSecret());
                added = true;
            }
        }
        if (added) {
            try (Writer out = Files.newBufferedWriter(file)) {
                props.store(out, "Stoa embedded default secrets: keep private, back up with the data");
            }
        }
        Map<String, String> serviceSecrets = new HashMap<>();
        SERVICE_CLIENTS.forEach(client -> serviceSecrets.put(client, props.getProperty("service." + client)));
        return new LocalSecrets(props.getProperty("encryption.v1"), serviceSecrets);
    }

    /** The secret of a service client of {@link #SERVICE_CLIENTS}. */
    public String serviceSecret(String client) {
        return Objects.requireNonNull(serviceSecrets.get(client), client);
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
