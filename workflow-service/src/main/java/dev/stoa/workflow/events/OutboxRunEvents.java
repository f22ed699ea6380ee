package dev.stoa.workflow.events;

import com.google.protobuf.Timestamp;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.proto.events.v1.ApprovalRequested;
import dev.stoa.proto.events.v1.WorkflowRunChanged;
import dev.stoa.store.TenantTransactions;
import dev.stoa.workflow.domain.model.Run;
import dev.stoa.workflow.domain.model.StepState;
import dev.stoa.workflow.domain.port.RunEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Publishes transitions on {@code stoa.workflows.v1} and waits for people on {@code stoa.approvals.v1} (kind
 * {@code workflow_input}, approval id {@code <run>:<step>}) through the outbox, in the transition's transaction.
 */
@Component
public final class OutboxRunEvents implements RunEvents {
    /** Topic of run and step transitions. */
    public static final String TOPIC = "stoa.workflows.v1";

    private final TenantTransactions tx;
    private final Outbox outbox;
    private final Clock clock;

    public OutboxRunEvents(TenantTransactions tx, Outbox outbox, Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void run(Run run) {
        String type = Run.RUNNING.equals(run.status()) ? "started" : run.status();
        publish(run, "dev.stoa.workflow.run." + type, base(run).build());
    }

    @Override
    public void step(Run run, StepState step) {
        publish(
                run,
                "dev.stoa.workflow.step." + step.status(),
                base(run)
                        .setStepId(step.stepId())
                        .setStepStatus(step.status())
                        .setAttempt(step.attempt())
                        .setError(step.error() == null ? "" : step.error())
                        .build());
    }

    @Override
    public void inputRequested(Run run, StepState step, String prompt) {
        ApprovalRequested.Builder event = ApprovalRequested.newBuilder()
                .setOrgId(run.orgId())
                .setApprovalId(run.id() + ":" + step.stepId())
                .setKind("workflow_input")
                .setArgumentsPreview(prompt.length() > 256 ? prompt.substring(0, 256) : prompt)
                .setRequestedAt(timestamp(clock.instant()));
        OffsetDateTime expires = step.expiresAt();
        if (expires != null) {
            event.setExpiresAt(timestamp(expires.toInstant()));
        }
        tx.inOrgRun(
                run.orgId(),
                dsl -> outbox.append(
                        dsl,
                        Topics.APPROVALS,
                        run.orgId(),
                        "dev.stoa.workflow.input.requested",
                        run.id(),
                        event.build()));
    }

    private WorkflowRunChanged.Builder base(Run run) {
        return WorkflowRunChanged.newBuilder()
                .setOrgId(run.orgId())
                .setWorkflowId(run.workflowId())
                .setWorkflowVersion(run.workflowVersion())
                .setRunId(run.id())
                .setRunStatus(run.status())
                .setError(orEmpty(run.error()))
                .setOccurredAt(timestamp(clock.instant()));
    }

    private void publish(Run run, String type, WorkflowRunChanged event) {
        tx.inOrgRun(run.orgId(), dsl -> outbox.append(dsl, TOPIC, run.orgId(), type, run.id(), event));
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
