package dev.stoa.launcher;

import dev.stoa.embedded.ServiceProcess;
import java.io.IOException;
import java.nio.file.Path;
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

    /**
     * Waits for the first readiness (failing fast if the process dies), then watches the process. A first start that is
     * alive but not ready after half the timeout is taken for stuck (seen once on CI's two cores: a JVM silent for
     * minutes in its start-up, while every other service came up): its threads are dumped into its log, for the
     * record, and it is started once more with the rest of the timeout.
     */
    void awaitReady() throws InterruptedException {
        ServiceProcess process = current();
        Duration first = readyTimeout.dividedBy(2);
        if (!readyWithin(process, first)) {
            log.warn(
                    "{} is not ready after {} s; dumping its threads to {} and starting it again",
                    name(),
                    first.toSeconds(),
                    process.log());
            dumpThreads(process);
            process.close();
            synchronized (this) {
                try {
                    process = process.restart();
                } catch (IOException e) {
                    throw new IllegalStateException(name() + " could not be started again", e);
                }
                current = process;
                startedAt = Instant.now();
            }
            process.awaitReady(readinessUrl, readyTimeout.minus(first));
        }
        watch(process);
    }

    /** Ready within {@code timeout}: true; alive but not ready: false; ended: the failure. */
    private boolean readyWithin(ServiceProcess process, Duration timeout) throws InterruptedException {
        try {
            process.awaitReady(readinessUrl, timeout);
            return true;
        } catch (IllegalStateException notReady) {
            if (!process.isAlive()) {
                throw notReady;
            }
            return false;
        }
    }

    /** Appends a thread dump of the process to its log ({@code jcmd Thread.print}); best effort. */
    private static void dumpThreads(ServiceProcess process) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(
                            ProcessBuilder.Redirect.appendTo(process.log().toFile()))
                    .start()
                    .waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("no thread dump of {}: {}", process.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
