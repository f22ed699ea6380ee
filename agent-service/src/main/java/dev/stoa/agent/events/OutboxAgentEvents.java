package dev.stoa.agent.events;

import com.google.protobuf.Timestamp;
import dev.stoa.agent.domain.port.AgentEvents;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.AgentChanged;
import java.time.Clock;
import java.time.Instant;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** {@link AgentEvents} through the transactional outbox: {@code AgentChanged} on {@code stoa.agents.v1}. */
@Component
public final class OutboxAgentEvents implements AgentEvents {
    private final Outbox outbox;
    private final DSLContext dsl;
    private final Clock clock;

    public OutboxAgentEvents(Outbox outbox, DSLContext dsl, Clock clock) {
        this.outbox = outbox;
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public void agentChanged(String orgId, String agentId, int version, String change) {
        append(
                orgId,
                agentId,
                AgentChanged.newBuilder()
                        .setOrgId(orgId)
                        .setAgentId(agentId)
                        .setVersion(version)
                        .setChange(change));
    }

    @Override
    public void orgChanged(String orgId, String change, String subjectId) {
        append(
                orgId,
                subjectId,
                AgentChanged.newBuilder().setOrgId(orgId).setChange(change).setSubjectId(subjectId));
    }

    private void append(String orgId, String subject, AgentChanged.Builder event) {
        Instant now = clock.instant();
        event.setOccurredAt(Timestamp.newBuilder()
                .setSeconds(now.getEpochSecond())
                .setNanos(now.getNano())
                .build());
        outbox.append(dsl, Topics.AGENTS, orgId, "dev.stoa.agent." + event.getChange(), subject, event.build());
    }
}
