package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.tools.domain.model.CallOutcome;
import dev.stoa.tools.domain.model.HealthEvent;
import dev.stoa.tools.domain.model.HealthStatus;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolHealthReport;
import dev.stoa.tools.domain.port.ToolHealthRepository;
import dev.stoa.tools.domain.port.ToolRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The health of each tool, from its calls' outcomes and latency, the sessions serving it and their heartbeats. The
 * rule, first match wins:
 *
 * <ol>
 *   <li>down: no live session serves it, or its last 3 calls (within 5 minutes) all failed;
 *   <li>degraded: of its calls in the last 5 minutes (at least 5), a quarter or more failed, or their p95 latency is
 *       at least 80 % of its timeout; or every session serving it has been silent for over two heartbeat intervals;
 *   <li>healthy otherwise.
 * </ol>
 *
 * A built-in tool runs in this process: it is always served and has no heartbeats, so only its calls count (it is
 * listed once the org has called it). A failure is a call that timed out or failed, except for invalid arguments (the model's mistake); cancelled and
 * rejected calls do not count. Every change of status is recorded with its reason (the health history); the status is
 * evaluated on every failed call, on a healthy tool's successful calls at most once a second, on every session
 * change, when read, and every 10 seconds.
 */
@Service
public final class ToolHealth {
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final int KEEP = 50;
    static final int MIN_CALLS = 5;
    static final long HEARTBEAT_GRACE_MS = 2L * 25_000;
    static final long RECHECK_NANOS = 1_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(ToolHealth.class);

    private final SdkSessions sessions;
    private final McpStatusBoard mcp;
    private final ToolRepository tools;
    private final BuiltinTools builtins;
    private final ToolHealthRepository history;
    private final Clock clock;
    private final Map<String, Deque<Call>> calls = new ConcurrentHashMap<>();
    private final Map<String, HealthStatus> lastRecorded = new ConcurrentHashMap<>();
    private final Map<String, Tool> watched = new ConcurrentHashMap<>();
    private final Map<String, Long> lastChecked = new ConcurrentHashMap<>();

    private record Call(Instant at, boolean failed, long latencyMs) {}

    public ToolHealth(
            SdkSessions sessions,
            McpStatusBoard mcp,
            ToolRepository tools,
            BuiltinTools builtins,
            ToolHealthRepository history,
            Clock clock) {
        this.sessions = sessions;
        this.mcp = mcp;
        this.tools = tools;
        this.builtins = builtins;
        this.history = history;
        this.clock = clock;
    }

    /** A call of {@code tool} ended. */
    void callEnded(Tool tool, CallOutcome outcome) {
        if (outcome.status().equals("cancelled") || outcome.status().equals("rejected")) {
            return;
        }
        boolean failed = !outcome.succeeded() && !"invalid_arguments".equals(outcome.errorCode());
        Deque<Call> recent = calls.computeIfAbsent(key(tool), id -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(new Call(clock.instant(), failed, outcome.latencyMs()));
            while (recent.size() > KEEP) {
                recent.removeFirst();
            }
        }
        // a healthy tool's successful call can only make it slow (degraded): looked at once a second, not per call
        long now = System.nanoTime();
        Long checked = lastChecked.get(key(tool));
        if (failed
                || lastRecorded.get(key(tool)) != HealthStatus.HEALTHY
                || checked == null
                || now - checked >= RECHECK_NANOS) {
            lastChecked.put(key(tool), now);
            check(tool);
        }
    }

    /** Something about the tool's sessions changed: re-evaluate and record a change of status. */
    void check(Tool tool) {
        watched.put(key(tool), tool);
        try {
            record(evaluate(tool));
        } catch (RuntimeException e) {
            // health is advisory: a database hiccup must not fail a call or a registration
            log.warn("health of tool {} not recorded: {}", tool.id(), e.toString());
        }
    }

    /** The health of every tool of the caller's org. */
    public List<ToolHealthReport> all(Principal principal) {
        String orgId = Access.read(principal);
        List<ToolHealthReport> out = new ArrayList<>();
        List<Tool> all = new ArrayList<>(tools.list(orgId));
        // built-ins are every org's: listed once the org has called them (their health then means something)
        builtins.all(orgId).stream().filter(t -> calls.containsKey(key(t))).forEach(all::add);
        for (Tool tool : all) {
            watched.put(key(tool), tool);
            ToolHealthReport report = evaluate(tool);
            record(report);
            out.add(report);
        }
        return out;
    }

    /** Status changes of one tool of the caller's org, newest first. */
    public Page<HealthEvent> history(Principal principal, String toolId, PageRequest page) {
        String orgId = Access.read(principal);
        Tool tool = tools.findById(orgId, toolId)
                .or(() -> builtins.byId(orgId, toolId))
                .orElseThrow(() -> new NotFoundException("tool", toolId));
        check(tool);
        return history.history(orgId, toolId, page);
    }

    /** Heartbeats go overdue without any event: look again now and then. */
    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    void sweep() {
        watched.values().forEach(this::check);
    }

    ToolHealthReport evaluate(Tool tool) {
        // a built-in runs in this process: always served, no heartbeats
        boolean inProcess = tool.builtin();
        // an MCP server's tool is served while its server answers and lists it (no heartbeats: the resync asks)
        boolean remote = tool.mcp();
        List<SdkSession> serving =
                inProcess || remote ? List.of() : sessions.serving(tool.orgId(), tool.connectionId(), tool.name());
        int servingCount = inProcess ? 1 : remote ? (mcp.serves(tool) ? 1 : 0) : serving.size();
        Instant since = clock.instant().minus(WINDOW);
        List<Call> recent;
        Deque<Call> all = calls.getOrDefault(key(tool), new ArrayDeque<>());
        synchronized (all) {
            recent = all.stream().filter(c -> c.at().isAfter(since)).toList();
        }
        long failures = recent.stream().filter(Call::failed).count();
        double failureRate = recent.isEmpty() ? 0 : (double) failures / recent.size();
        long p95 = percentile95(recent);
        Instant lastCall = recent.isEmpty() ? null : recent.getLast().at();
        HealthStatus status;
        String reason;
        int timeout = tool.definition().timeoutMs();
        if (servingCount == 0) {
            status = HealthStatus.DOWN;
            reason = remote ? "its MCP server does not answer or no longer lists it" : "no connected backend serves it";
        } else if (recent.size() >= 3
                && recent.subList(recent.size() - 3, recent.size()).stream().allMatch(Call::failed)) {
            status = HealthStatus.DOWN;
            reason = "its last 3 calls failed";
        } else if (recent.size() >= MIN_CALLS && failureRate >= 0.25) {
            status = HealthStatus.DEGRADED;
            reason = Math.round(failureRate * 100) + "% of its last " + recent.size() + " calls failed";
        } else if (recent.size() >= MIN_CALLS && p95 >= timeout * 0.8) {
            status = HealthStatus.DEGRADED;
            reason = "slow: p95 " + p95 + " ms of a " + timeout + " ms timeout";
        } else if (!inProcess && !remote && serving.stream().allMatch(s -> s.silentMillis() > HEARTBEAT_GRACE_MS)) {
            status = HealthStatus.DEGRADED;
            reason = "heartbeats overdue";
        } else {
            status = HealthStatus.HEALTHY;
            reason = inProcess
                    ? "built in"
                    : remote ? "its MCP server answers" : serving.size() + " connection(s) serving it";
        }
        return new ToolHealthReport(tool, status, reason, servingCount, recent.size(), failureRate, p95, lastCall);
    }

    private void record(ToolHealthReport report) {
        Tool tool = report.tool();
        HealthStatus previous = lastRecorded.computeIfAbsent(
                key(tool),
                id -> history.latest(tool.orgId(), id).map(HealthEvent::status).orElse(null));
        if (previous == report.status()) {
            return;
        }
        synchronized (lastRecorded) {
            if (lastRecorded.get(key(tool)) == report.status()) {
                return;
            }
            history.append(
                    tool.orgId(),
                    new HealthEvent(
                            Ids.generate("the"),
                            tool.id(),
                            report.status(),
                            report.reason(),
                            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
            lastRecorded.put(key(tool), report.status());
        }
    }

    /** The tools a closing session served, to re-evaluate. */
    void sessionChanged(SdkSession session) {
        Set.copyOf(session.tools()).forEach(this::check);
    }

    /** Built-in tools have one id in every org: state is kept per org and tool. */
    private static String key(Tool tool) {
        return tool.orgId() + "/" + tool.id();
    }

    private static long percentile95(List<Call> recent) {
        if (recent.isEmpty()) {
            return 0;
        }
        long[] latencies = recent.stream().mapToLong(Call::latencyMs).sorted().toArray();
        return latencies[(int) Math.ceil(latencies.length * 0.95) - 1];
    }
}
