package dev.stoa.workflow.engine;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.stoa.workflow.domain.StepEngine;
import dev.stoa.workflow.domain.model.StepTask;
import dev.stoa.workflow.domain.port.StepQueue;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The step queue on db-scheduler: one one-time task per step attempt (or wait expiry) in {@code scheduled_tasks}.
 * Scheduling goes through a transaction-aware DataSource, so it commits or rolls back with the engine's transition.
 * db-scheduler claims due tasks with {@code SELECT … FOR UPDATE SKIP LOCKED} (one replica per task), heartbeats the
 * ones running and revives those of a replica that stopped heartbeating: the step runs again with the same attempt.
 */
public final class DbSchedulerStepQueue implements StepQueue, SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DbSchedulerStepQueue.class);
    private static final Duration RETRY_INFRASTRUCTURE_FAILURE = Duration.ofSeconds(2);

    private final OneTimeTask<String> task;
    private final Scheduler scheduler;
    private final ObjectProvider<StepEngine> engine;
    private final Duration grace;
    private volatile boolean running;

    public DbSchedulerStepQueue(DataSource dataSource, EngineSettings settings, ObjectProvider<StepEngine> engine) {
        this.engine = engine;
        this.grace = settings.shutdownMaxWait().dividedBy(2);
        this.task = Tasks.oneTime("workflow-step", String.class)
                .onFailure(this::onFailure)
                .onDeadExecutionRevive()
                .execute((instance, context) -> engine.getObject().execute(StepTask.decode(instance.getData())));
        this.scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), task)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
                .shutdownMaxWait(settings.shutdownMaxWait())
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                // never commit the caller's transaction: scheduling is part of the engine's transition
                .commitWhenAutocommitDisabled(false)
                .build();
    }

    /** db-scheduler's settings for this replica. */
    public record EngineSettings(
            int threads,
            Duration pollingInterval,
            Duration heartbeatInterval,
            int missedHeartbeatsLimit,
            Duration shutdownMaxWait) {}

    @Override
    public void enqueue(StepTask step, Instant at) {
        scheduler.scheduleIfNotExists(task.instance(step.instanceId(), step.encode()), at);
        if (TransactionSynchronizationManager.isSynchronizationActive() && !at.isAfter(Instant.now())) {
            // db-scheduler's immediate execution looks before our transaction commits and finds nothing: look again
            // once the step is visible, instead of a polling interval later
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.triggerCheckForDueExecutions();
                }
            });
        }
    }

    /**
     * The engine records step failures itself; what reaches here is the database or the replica failing. A stopping
     * replica leaves the task picked (a live replica revives it once its heartbeat is stale); otherwise it runs again.
     */
    private void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
        @Nullable Throwable cause = complete.getCause().orElse(null);
        if (engine.getObject().stopping()) {
            return;
        }
        LOG.warn(
                "workflow step task {} failed, retrying: {}",
                complete.getExecution().taskInstance.getId(),
                cause == null ? "unknown" : cause.toString());
        operations.reschedule(complete, Instant.now().plus(RETRY_INFRASTRUCTURE_FAILURE));
    }

    @Override
    public void start() {
        engine.getObject().resume();
        scheduler.start();
        running = true;
    }

    /**
     * Stops fetching; steps in flight get half of {@code shutdown-max-wait} to finish and be recorded (a rolling
     * deploy loses nothing), then they are interrupted and left for a live replica to revive.
     */
    @Override
    public void stop() {
        Thread deadline = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(grace);
                engine.getObject().stop();
            } catch (InterruptedException e) {
                // every step finished in time
                Thread.currentThread().interrupt();
            }
        });
        scheduler.stop();
        deadline.interrupt();
        engine.getObject().stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
