package dev.stoa.monitoring.delivery;

import dev.stoa.monitoring.domain.WebhookDeliveries;
import dev.stoa.monitoring.domain.model.ClaimedDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Polls for due webhook deliveries and sends each claimed batch in parallel on virtual threads (a slow receiver does
 * not hold up the others). Replicas share the queue: claims skip rows another replica holds. Counts outcomes in
 * {@code stoa.monitoring.webhook.deliveries} ({@code succeeded}, {@code retrying}, {@code failed}, {@code disabled},
 * {@code cancelled}).
 */
public final class WebhookDeliveryWorker implements SmartLifecycle {
    static final String METRIC = "stoa.monitoring.webhook.deliveries";
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryWorker.class);

    private final WebhookDeliveries deliveries;
    private final ClaimSource claims;
    private final MeterRegistry meters;
    private final Duration pollInterval;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private @Nullable Thread loop;

    /** Claims due deliveries (the queue's {@code claim} with the configured batch and lease). */
    public interface ClaimSource {
        List<ClaimedDelivery> claim();
    }

    public WebhookDeliveryWorker(
            WebhookDeliveries deliveries, ClaimSource claims, MeterRegistry meters, Duration pollInterval) {
        this.deliveries = deliveries;
        this.claims = claims;
        this.meters = meters;
        this.pollInterval = pollInterval;
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name("webhook-deliveries").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = loop;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                List<ClaimedDelivery> batch = claims.claim();
                if (batch.isEmpty()) {
                    Thread.sleep(pollInterval);
                    continue;
                }
                List<Future<?>> sent = new ArrayList<>();
                for (ClaimedDelivery claimed : batch) {
                    sent.add(senders.submit(() -> deliver(claimed)));
                }
                for (Future<?> future : sent) {
                    future.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | java.util.concurrent.ExecutionException e) {
                // the database away, say: claimed rows come back when their lease ends
                log.warn("webhook delivery round failed: {}", e.getClass().getSimpleName());
                sleepQuietly();
            }
        }
    }

    private void deliver(ClaimedDelivery claimed) {
        WebhookDeliveries.Result result = deliveries.deliver(claimed);
        if (result != WebhookDeliveries.Result.GONE) {
            Counter.builder(METRIC)
                    .description("webhook delivery attempts, by outcome")
                    .tag("outcome", result.wire())
                    .register(meters)
                    .increment();
        }
        if (result == WebhookDeliveries.Result.DISABLED) {
            log.info("webhook of delivery {} disabled after repeated failures", claimed.id());
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
