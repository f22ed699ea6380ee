package dev.stoa.monitoring.events;

import dev.stoa.common.id.Ids;
import dev.stoa.events.ReceivedEvent;
import dev.stoa.events.Topics;
import dev.stoa.monitoring.domain.SafetyAlerts;
import dev.stoa.monitoring.domain.model.SafetyAlert;
import dev.stoa.proto.events.v1.SafetyFinding;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code stoa.safety.v1} in consumer group {@code monitoring}, as {@link PipelineConsumers} does the other
 * topics: deduplicated by event id in the alert's transaction, retried, dead-lettered to {@code stoa.safety.v1.dlt}.
 */
@Component
public final class SafetyFindingConsumer {
    /** Business metric: alerts recorded, by detector, action and surface (ids of libs/safety, a bounded set). */
    static final String ALERTS = "stoa.monitoring.safety.alerts";

    private final SafetyAlerts alerts;
    private final PipelineMetrics metrics;
    private final MeterRegistry meters;

    public SafetyFindingConsumer(SafetyAlerts alerts, PipelineMetrics metrics, MeterRegistry meters) {
        this.alerts = alerts;
        this.metrics = metrics;
        this.meters = meters;
    }

    @KafkaListener(id = "monitoring-safety", topics = Topics.SAFETY, groupId = PipelineConsumers.GROUP)
    public void onFinding(ConsumerRecord<String, byte[]> record) {
        ReceivedEvent event = PipelineConsumers.read(record);
        SafetyFinding f = PipelineConsumers.payload(event, SafetyFinding.parser());
        SafetyAlert alert = new SafetyAlert(
                Ids.generate("sfa"),
                f.getOrgId(),
                f.getAgentId(),
                f.getConversationId(),
                f.getTurnId(),
                f.getSurface(),
                f.getDetector(),
                f.getAction(),
                f.getPreview(),
                EventMapping.time(f.getOccurredAt(), event));
        boolean first = alerts.found(event.id(), alert);
        metrics.recorded(record.topic(), first);
        if (first) {
            metrics.visible(record.topic(), event.time());
            // found() refused unknown ids, so the tags stay within the library's detectors, actions and surfaces
            Counter.builder(ALERTS)
                    .description("safety findings recorded as alerts")
                    .tag("detector", alert.detector())
                    .tag("action", alert.action())
                    .tag("surface", alert.surface())
                    .register(meters)
                    .increment();
        }
    }
}
