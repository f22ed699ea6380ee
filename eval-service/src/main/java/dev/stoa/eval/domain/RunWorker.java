package dev.stoa.eval.domain;

import dev.stoa.eval.domain.port.RunRepository;
import dev.stoa.eval.domain.port.RunRepository.RunRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Takes up queued and running runs (new ones, and after a restart those another process left: their lease ran out or
 * was released at stop) and executes each on its own virtual thread, renewing its lease while it runs. Stopping
 * interrupts the runs and releases them; their pending cases are executed again at the next start with the same
 * idempotency keys.
 */
public final class RunWorker implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);
    private static final int CLAIM = 8;

    private final RunRepository runs;
    private final RunExecutor executor;
    private final Duration pollInterval;
    private final Duration lease;
    private final Map<String, Thread> active = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile @Nullable Thread poller;

    public RunWorker(RunRepository runs, RunExecutor executor, Duration pollInterval, Duration lease) {
        this.runs = runs;
        this.executor = executor;
        this.pollInterval = pollInterval;
        this.lease = lease;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        poller = Thread.ofVirtual().name("eval-run-worker").start(this::poll);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread p = poller;
        if (p != null) {
            p.interrupt();
        }
        active.forEach((id, thread) -> thread.interrupt());
        for (Thread thread : active.values()) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        poller = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void poll() {
        while (running) {
            try {
                for (RunRef ref : runs.claim(CLAIM, lease)) {
                    active.computeIfAbsent(
                            ref.runId(),
                            id -> Thread.ofVirtual().name("eval-run-" + id).start(() -> run(ref)));
                }
                Thread.sleep(pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("claiming eval runs failed: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void run(RunRef ref) {
        Thread renewer = Thread.ofVirtual().start(() -> renew(ref));
        try {
            executor.execute(
                    ref.orgId(),
                    ref.runId(),
                    () -> !running || Thread.currentThread().isInterrupted());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("eval run {} stopped: {}", ref.runId(), e.toString());
        } finally {
            renewer.interrupt();
            active.remove(ref.runId());
            try {
                runs.release(ref.orgId(), ref.runId());
            } catch (RuntimeException e) {
                LOG.warn("eval run {} not released: {}", ref.runId(), e.toString());
            }
        }
    }

    private void renew(RunRef ref) {
        try {
            while (true) {
                Thread.sleep(lease.dividedBy(3));
                runs.renew(ref.orgId(), ref.runId(), lease);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("lease of eval run {} not renewed: {}", ref.runId(), e.toString());
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
