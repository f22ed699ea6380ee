package dev.stoa.tools.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A tool as a connected backend declares it.
 *
 * @param inputSchemaJson JSON Schema of the arguments object, as canonical JSON text
 * @param idempotent whether a call lost with its connection may run again on another
 */
public record ToolDefinition(
        String name, String description, String inputSchemaJson, int timeoutMs, List<String> tags, boolean idempotent) {

    public static final int DEFAULT_TIMEOUT_MS = 30_000;

    public ToolDefinition {
        tags = List.copyOf(tags);
    }

    /** The tool's version: a hash of what the model sees (description and schema); embeddings are cached per version. */
    public String version() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(description.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(inputSchemaJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
