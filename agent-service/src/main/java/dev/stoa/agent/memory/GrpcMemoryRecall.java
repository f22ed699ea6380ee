package dev.stoa.agent.memory;

import dev.stoa.agent.domain.port.MemoryRecall;
import dev.stoa.memoryclient.MemoryRecallClient;
import dev.stoa.memoryclient.Recall;

/**
 * {@link MemoryRecall} from memory-service's {@code Memory/Recall} through the shared client chat uses too, so the
 * preview shows the facts a turn would get (the agent's configured number of them).
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
