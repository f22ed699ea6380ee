package dev.stoa.tools.events;

import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AgentChanged;
import dev.stoa.tools.domain.AgentMirror;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Mirrors which agents each org has from {@code stoa.agents.v1} (one consumer group for all instances: the mirror is
 * in the database). Recording is idempotent, so a redelivery changes nothing.
 */
@Component
public final class AgentChangesConsumer {
    private static final Logger log = LoggerFactory.getLogger(AgentChangesConsumer.class);

    private final AgentMirror mirror;

    public AgentChangesConsumer(AgentMirror mirror) {
        this.mirror = mirror;
    }

    @KafkaListener(topics = Topics.AGENTS, groupId = "tool-router-agents")
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        AgentChanged change;
        try {
            change = ReceivedEvent.from(record).payload(AgentChanged.parser());
        } catch (IllegalArgumentException e) {
            log.warn("skipping an unreadable record on {}: {}", record.topic(), e.getMessage());
            return;
        }
        Instant at = Instant.ofEpochSecond(
                change.getOccurredAt().getSeconds(), change.getOccurredAt().getNanos());
        mirror.changed(
                change.getOrgId(),
                change.getAgentId(),
                change.getChange(),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }
}
