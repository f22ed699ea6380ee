package dev.stoa.monitoring.events;

import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.TurnCost;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Counts what the consumers did with each event, per topic: {@code stoa.monitoring.events} with outcome
 * {@code processed}, {@code duplicate} (a redelivery, skipped), {@code skipped} (nothing to record) or
 * {@code dead_lettered}. And what the org's agents did, once per event (never for a redelivery), tagged with the org
 * and agent ids (one series per agent, so a platform's agent count bounds them): {@code stoa.agent.turns} (outcome
 * {@code completed} or {@code failed}), {@code stoa.agent.tokens} (direction {@code input} or {@code output}),
 * {@code stoa.agent.cost.micros} (micro-USD) and {@code stoa.agent.tool.calls} (tool, status).
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

    /**
     * {@code stoa.monitoring.event.visibility}: from when the source wrote the event (its CloudEvents time, set in the
     * source's transaction) to this consumer's commit of its effect; what a reader of logs, costs and alerts waits.
     */
    void visible(String topic, @Nullable OffsetDateTime written) {
        if (written == null) {
            return;
        }
        Duration lag = Duration.between(written.toInstant(), Instant.now());
        Timer.builder("stoa.monitoring.event.visibility")
                .description("time from an event's write at its source to its effect here")
                .tag("topic", topic)
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    void skipped(String topic) {
        count(topic, "skipped");
    }

    /** An event that was sent to {@code <topic>.dlt}. */
    public void deadLettered(String topic) {
        count(topic, "dead_lettered");
    }

    void turn(TurnCost turn) {
        agent("stoa.agent.turns", "turns the agent took, by outcome", turn.orgId(), turn.agentId())
                .tag("outcome", turn.failed() ? "failed" : "completed")
                .register(meters)
                .increment();
        agent("stoa.agent.tokens", "model tokens the agent used", turn.orgId(), turn.agentId())
                .tag("direction", "input")
                .register(meters)
                .increment(turn.inputTokens());
        agent("stoa.agent.tokens", "model tokens the agent used", turn.orgId(), turn.agentId())
                .tag("direction", "output")
                .register(meters)
                .increment(turn.outputTokens());
        agent("stoa.agent.cost.micros", "what the agent's model calls cost, micro-USD", turn.orgId(), turn.agentId())
                .register(meters)
                .increment(turn.costMicros());
    }

    void toolCall(ToolCall call) {
        agent("stoa.agent.tool.calls", "tool calls of the agent, by tool and status", call.orgId(), call.agentId())
                .tag("tool", call.toolName())
                .tag("status", call.status())
                .register(meters)
                .increment();
    }

    private static Counter.Builder agent(String name, String description, String orgId, String agentId) {
        return Counter.builder(name)
                .description(description)
                .tag("org_id", orgId)
                .tag("agent_id", agentId);
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
