package dev.stoa.chat.events;

import dev.stoa.agentclient.AgentChangesListener;
import dev.stoa.agentclient.AgentRuntimeClient;
import dev.stoa.events.ProcessedEvents;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Follows {@code stoa.agents.v1} so cached runtime configs are dropped when an agent, provider or tier changes. Its
 * consumer takes the service's {@code spring.kafka.*} settings, SASL included, as the service's other Kafka clients do.
 */
@Component
public final class AgentChangesFeed implements DisposableBean {
    private final AgentChangesListener listener;

    public AgentChangesFeed(
            KafkaProperties kafka, ProcessedEvents processed, DSLContext dsl, AgentRuntimeClient client) {
        this.listener = AgentChangesListener.start(consumerConfig(kafka), processed, dsl, client::onChanged);
    }

    /** The listener's consumer settings: the application's Kafka consumer properties, without a group. */
    static Map<String, Object> consumerConfig(KafkaProperties kafka) {
        return AgentChangesListener.consumerConfig(kafka.buildConsumerProperties());
    }

    @Override
    public void destroy() throws InterruptedException {
        listener.close();
    }
}
