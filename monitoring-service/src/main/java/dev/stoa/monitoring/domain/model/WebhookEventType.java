package dev.stoa.monitoring.domain.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a webhook subscribes to: turns finished, failed tool calls, safety alerts, budget thresholds crossed and
 * approvals requested (see docs/webhooks.md for each one's {@code data}).
 */
public enum WebhookEventType {
    TURN_COMPLETED("turn.completed"),
    TURN_FAILED("turn.failed"),
    TOOL_CALL_FAILED("tool_call.failed"),
    SAFETY_ALERT("safety.alert"),
    BUDGET_THRESHOLD("budget.threshold"),
    APPROVAL_REQUESTED("approval.requested");

    /** Every wire name, in declaration order. */
    public static final List<String> WIRE_NAMES =
            Arrays.stream(values()).map(WebhookEventType::wire).toList();

    private final String wire;

    WebhookEventType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<WebhookEventType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }
}
