package dev.stoa.launcher;

import dev.stoa.embedded.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service of the embedded default, kept running: once it has been ready, a process that ends without being asked
 * to (a crash, an OOM kill, {@code kill -9}) is started again with the same settings after a {@link Backoff}, and each
 * restart is logged. A service that never gets ready fails the platform's start instead of looping.
 */
public final class SupervisedService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SupervisedService.class);

    /** One restart: when the process ended, with which exit code, and how long the supervisor waited. */
    public record Restart(Instant endedAt, int exitCode, Duration waited) {}

    private final String readinessUrl;
    private final Duration readyTimeout;
    private final Backoff backoff;
    private final List<Restart> restarts = new CopyOnWriteArrayList<>();
    private ServiceProcess current;
    private Instant startedAt;
    private Duration lastWait = Duration.ZERO;
    private boolean stopping;

    private SupervisedService(ServiceProcess first, String readinessUrl, Duration readyTimeout, Backoff backoff) {
        this.current = first;
        this.readinessUrl = readinessUrl;
        this.readyTimeout = readyTimeout;
        this.backoff = backoff;
        this.startedAt = Instant.now();
    }

    /** Starts the service; supervision begins when {@link #awaitReady()} has seen it ready. */
    static SupervisedService start(
            ServiceProcess.Spec spec, String readinessUrl, Duration readyTimeout, Backoff backoff) throws IOException {
        return new SupervisedService(ServiceProcess.start(spec), readinessUrl, readyTimeout, backoff);
    }

    /** Waits for the first readiness (failing fast if the process dies), then watches the process. */
    void awaitReady() throws InterruptedException {
        ServiceProcess process = current();
        process.awaitReady(readinessUrl, readyTimeout);
        watch(process);
    }

    private void watch(ServiceProcess process) {
        process.onExit()
                .thenRun(() -> Thread.ofVirtual().name("supervise-" + name()).start(() -> ended(process)));
    }

    private void ended(ServiceProcess process) {
        Duration wait;
        synchronized (this) {
            if (stopping || process != current) {
                return;
            }
            Instant now = Instant.now();
            wait = backoff.next(lastWait, Duration.between(startedAt, now));
            lastWait = wait;
            int exitCode = exitCode(process);
            restarts.add(new Restart(now, exitCode, wait));
            log.warn(
                    "{} exited with code {}; restarting in {} s (restart {}); see {}",
                    name(),
                    exitCode,
                    wait.toMillis() / 1000.0,
                    restarts.size(),
                    process.log());
        }
        try {
            Thread.sleep(wait);
            ServiceProcess next;
            synchronized (this) {
                if (stopping) {
                    return;
                }
                next = process.restart();
                current = next;
                startedAt = Instant.now();
            }
            watch(next);
            awaitReadyAgain(next);
        } catch (IOException e) {
            log.error("{} could not be restarted: {}", name(), e.getMessage());
            synchronized (this) {
                startedAt = Instant.now(); // a failed start is no stable run: the next wait is longer
            }
            ended(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReadyAgain(ServiceProcess process) throws InterruptedException {
        Instant began = Instant.now();
        try {
            process.awaitReady(readinessUrl, readyTimeout);
            log.info(
                    "{} is ready again after {} s",
                    name(),
                    Duration.between(began, Instant.now()).toMillis() / 1000.0);
        } catch (IllegalStateException e) {
            // It died again (the watcher restarts it) or hangs (it stays as is; readiness tells the gateway).
            log.warn("{}", e.getMessage());
        }
    }

    private static int exitCode(ServiceProcess process) {
        try {
            return process.onExit().join().exitValue();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    public String name() {
        return current().name();
    }

    /** The process running now (a new one after each restart). */
    public synchronized ServiceProcess current() {
        return current;
    }

    public long pid() {
        return current().pid();
    }

    public List<Restart> restarts() {
        return List.copyOf(restarts);
    }

    /** Stops supervising, then stops the process (SIGTERM, then SIGKILL after a grace period). */
    @Override
    public void close() {
        ServiceProcess process;
        synchronized (this) {
            stopping = true;
            process = current;
        }
        process.close();
    }

    @Override
    public String toString() {
        return "SupervisedService[" + name() + "]";
    }
}
