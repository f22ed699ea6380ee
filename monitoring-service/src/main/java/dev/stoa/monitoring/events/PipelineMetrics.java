package dev.stoa.monitoring.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts what the consumers did with each event, per topic: {@code stoa.monitoring.events} with outcome
 * {@code processed}, {@code duplicate} (a redelivery, skipped), {@code skipped} (nothing to record) or
 * {@code dead_lettered}.
 */
@Component
public final class PipelineMetrics {
    static final String NAME = "stoa.monitoring.events";

    private final MeterRegistry meters;

    public PipelineMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void recorded(String topic, boolean first) {
        count(topic, first ? "processed" : "duplicate");
    }

    void skipped(String topic) {
        count(topic, "skipped");
    }

    /** An event that was sent to {@code <topic>.dlt}. */
    public void deadLettered(String topic) {
        count(topic, "dead_lettered");
    }

    private void count(String topic, String outcome) {
        Counter.builder(NAME)
                .description("events the monitoring consumers handled, by outcome")
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
