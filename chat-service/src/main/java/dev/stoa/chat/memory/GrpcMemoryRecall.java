package dev.stoa.chat.memory;

import dev.stoa.chat.domain.port.MemoryRecall;
import dev.stoa.memoryclient.MemoryRecallClient;
import dev.stoa.memoryclient.Recall;

/**
 * {@link MemoryRecall} from memory-service's {@code Memory/Recall}, through the shared client (a short deadline; no
 * memory when it cannot answer). The number of facts is the agent's own setting, kept by memory-service.
 */
public final class GrpcMemoryRecall implements MemoryRecall {
    private final MemoryRecallClient client;

    public GrpcMemoryRecall(MemoryRecallClient client) {
        this.client = client;
    }

    @Override
    public Recall recall(String orgId, String agentId, String userId, String message) {
        return client.recall(orgId, agentId, userId, message, 0);
    }
}
