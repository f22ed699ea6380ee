package dev.stoa.tools.events;

import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.SafetyFinding;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import dev.stoa.safetyclient.SafetyFindings;
import dev.stoa.store.TenantTransactions;
import dev.stoa.tools.domain.model.CallContext;
import dev.stoa.tools.domain.port.SafetyFindingEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@link SafetyFindingEvents} through the transactional outbox: {@code SafetyFinding} on {@code stoa.safety.v1} (key:
 * org id), written in batches off the dispatch path, as tool-call events are.
 */
@Component
public final class OutboxSafetyFindingEvents implements SafetyFindingEvents, AutoCloseable {
    private final Outbox outbox;
    private final Clock clock;
    private final OutboxBatcher batcher;

    public OutboxSafetyFindingEvents(Outbox outbox, TenantTransactions tx, Clock clock, MeterRegistry meters) {
        this.outbox = outbox;
        this.clock = clock;
        this.batcher = new OutboxBatcher(
                tx,
                "safety-finding-events",
                Counter.builder("stoa.tools.safety_events.dropped")
                        .description("safety finding events dropped because the database fell far behind")
                        .register(meters));
    }

    @Override
    public void found(String orgId, CallContext context, Surface surface, ScanResult scan) {
        List<SafetyFinding> findings = SafetyFindings.of(
                scan,
                surface,
                new SafetyFindings.Origin(orgId, context.agentId(), context.conversationId(), context.turnId()),
                clock.instant());
        // the subject is the turn, as chat-service's findings have it
        @Nullable String subject = context.turnId().isEmpty() ? null : context.turnId();
        batcher.offer(
                orgId,
                dsl -> findings.forEach(
                        f -> outbox.append(dsl, Topics.SAFETY, orgId, "dev.stoa.tools.safety.finding", subject, f)));
    }

    /** Writes what is queued (bounded), then stops. */
    @Override
    public void close() throws InterruptedException {
        batcher.close();
    }
}
