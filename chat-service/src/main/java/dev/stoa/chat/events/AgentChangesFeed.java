package dev.stoa.chat.events;

import dev.stoa.agentclient.AgentChangesListener;
import dev.stoa.agentclient.AgentRuntimeClient;
import dev.stoa.events.ProcessedEvents;
import org.jooq.DSLContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Follows {@code stoa.agents.v1} so cached runtime configs are dropped when an agent, provider or tier changes. */
@Component
public final class AgentChangesFeed implements DisposableBean {
    private final AgentChangesListener listener;

    public AgentChangesFeed(
            @Value("${spring.kafka.bootstrap-servers}") String bootstrap,
            ProcessedEvents processed,
            DSLContext dsl,
            AgentRuntimeClient client) {
        this.listener = AgentChangesListener.start(bootstrap, processed, dsl, client::onChanged);
    }

    @Override
    public void destroy() throws InterruptedException {
        listener.close();
    }
}
