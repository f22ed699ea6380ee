package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.Agent;
import dev.stoa.agent.domain.model.Canary;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Picks the version that serves a new conversation: the canary for a stable share of conversation keys, else the
 * current version. A key always lands in the same bucket (SHA-256 of agent id and key), on every instance and
 * across restarts, so a conversation never flips between versions while the canary stays as it is.
 */
public final class CanaryRouter {
    private CanaryRouter() {}

    /** The version serving {@code conversationKey}; without a key the current version serves. */
    public static int servingVersion(Agent agent, String conversationKey) {
        Canary canary = agent.canary();
        if (canary == null || conversationKey.isEmpty()) {
            return agent.version();
        }
        return bucket(agent.id(), conversationKey) < canary.percent() ? canary.version() : agent.version();
    }

    /** The key's bucket in [0, 100). */
    public static int bucket(String agentId, String conversationKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((agentId + "\n" + conversationKey).getBytes(StandardCharsets.UTF_8));
            long value = ByteBuffer.wrap(digest).getLong() >>> 1;
            return (int) (value % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
