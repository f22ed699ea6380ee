package dev.stoa.tools.domain;

import dev.stoa.safety.Detection;
import dev.stoa.safety.SafetyAction;
import dev.stoa.safety.SafetyPolicy;
import dev.stoa.safety.SafetyScanner;
import dev.stoa.safety.ScanResult;
import dev.stoa.safety.Surface;
import dev.stoa.tools.domain.model.CallContext;
import dev.stoa.tools.domain.port.SafetyFindingEvents;
import dev.stoa.tools.domain.port.SafetyPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Inline safety of tool calls: the string values of a call's arguments (before the tool sees them) and of its result
 * (before the caller does) are scanned under the agent's policy. Each value is scanned and replaced on its own, so a
 * redacted document is still valid JSON of the same shape; every detection becomes a finding event and a count of
 * {@code stoa.tools.safety.findings} (by surface and action).
 */
@Service
public final class ToolSafety {
    /** The error code of a call the policy refused. */
    static final String BLOCKED = "content_blocked";

    private static final Logger log = LoggerFactory.getLogger(ToolSafety.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SafetyScanner scanner;
    private final SafetyPolicies policies;
    private final SafetyFindingEvents events;
    private final MeterRegistry meters;

    public ToolSafety(
            SafetyScanner scanner, SafetyPolicies policies, SafetyFindingEvents events, MeterRegistry meters) {
        this.scanner = scanner;
        this.policies = policies;
        this.events = events;
        this.meters = meters;
    }

    /** A scanned document: what may go on (redacted where the policy says) and, if refused, the detection why. */
    record Checked(String json, @Nullable Detection blocking) {
        /** The refusal's message: names the detector, never the text. */
        String message(Surface surface) {
            String what = surface == Surface.TOOL_ARGUMENTS ? "arguments" : "result";
            return "the call's " + what + " contain "
                    + (blocking == null ? "" : blocking.finding().detector().id())
                    + ", which the agent's safety policy blocks";
        }
    }

    SafetyPolicy policyOf(String orgId, String agentId) {
        return policies.policyOf(orgId, agentId);
    }

    /** Scans {@code json} from {@code surface}; publishes and counts what it found. */
    Checked check(String orgId, CallContext context, SafetyPolicy policy, Surface surface, String json) {
        if (!policy.surfaces().contains(surface)) {
            return new Checked(json, null);
        }
        List<Detection> found = new ArrayList<>();
        String checked;
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode replaced = scan(root, surface, policy, found);
            checked = found.stream().allMatch(d -> d.action() == SafetyAction.FLAG)
                    ? json
                    : JSON.writeValueAsString(replaced == null ? root : replaced);
        } catch (JacksonException e) {
            // not JSON (a result must be; arguments were checked): scanned as the text it is
            ScanResult scan = scanner.scan(json, surface, policy);
            found.addAll(scan.detections());
            checked = scan.text();
        }
        if (found.isEmpty()) {
            return new Checked(json, null);
        }
        ScanResult all = new ScanResult(found, checked, found.stream().anyMatch(d -> d.action() == SafetyAction.BLOCK));
        for (Detection d : found) {
            Counter.builder("stoa.tools.safety.findings")
                    .description("safety detections in tool calls' arguments and results")
                    .tag("surface", surface.id())
                    .tag("action", d.action().id())
                    .register(meters)
                    .increment();
        }
        try {
            events.found(orgId, context, surface, all);
        } catch (RuntimeException e) {
            // the decision stands without its record; the record's loss is told (never the text)
            log.warn("safety findings of a tool call not recorded: {}", e.toString());
        }
        return new Checked(checked, all.blocking().orElse(null));
    }

    /** Scans the string values under {@code node}; returns the node to put in its place, or null if unchanged. */
    private @Nullable JsonNode scan(JsonNode node, Surface surface, SafetyPolicy policy, List<Detection> found) {
        if (node.isString()) {
            String text = node.asString();
            ScanResult scan = scanner.scan(text, surface, policy);
            found.addAll(scan.detections());
            return scan.text().equals(text) ? null : StringNode.valueOf(scan.text());
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            for (String name : names) {
                JsonNode value = object.get(name);
                JsonNode replaced = value == null ? null : scan(value, surface, policy, found);
                if (replaced != null) {
                    object.set(name, replaced);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode replaced = scan(array.get(i), surface, policy, found);
                if (replaced != null) {
                    array.set(i, replaced);
                }
            }
        }
        return null;
    }
}
