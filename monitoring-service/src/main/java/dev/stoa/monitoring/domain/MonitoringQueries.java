package dev.stoa.monitoring.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.AuditEntry;
import dev.stoa.monitoring.domain.model.AuditFilter;
import dev.stoa.monitoring.domain.model.CostGroup;
import dev.stoa.monitoring.domain.model.CostGrouping;
import dev.stoa.monitoring.domain.model.TimeRange;
import dev.stoa.monitoring.domain.model.ToolCall;
import dev.stoa.monitoring.domain.model.ToolCallFilter;
import dev.stoa.monitoring.domain.model.ToolCallStats;
import dev.stoa.monitoring.domain.port.AuditLog;
import dev.stoa.monitoring.domain.port.CostLedger;
import dev.stoa.monitoring.domain.port.ToolCallRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** The read side: an org's tool-call log and stats, its spend and its audit log. */
@Service
public final class MonitoringQueries {
    /** Windows when the caller names none: a day of tool calls, a month of spend and audit entries. */
    private static final Duration DEFAULT_TOOL_WINDOW = Duration.ofDays(1);

    private static final int DEFAULT_COST_DAYS = 30;

    private final ToolCallRepository toolCalls;
    private final CostLedger ledger;
    private final AuditLog audit;
    private final Clock clock;
    private final MonitoringSettings settings;

    public MonitoringQueries(
            ToolCallRepository toolCalls, CostLedger ledger, AuditLog audit, Clock clock, MonitoringSettings settings) {
        this.toolCalls = toolCalls;
        this.ledger = ledger;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** A window of event times after the query's {@code from}/{@code to} and the service's cap. */
    public TimeRange range(@Nullable OffsetDateTime from, @Nullable OffsetDateTime to, Duration fallback) {
        return TimeRange.of(from, to, OffsetDateTime.now(clock), fallback, settings.maxRange());
    }

    public TimeRange toolCallRange(@Nullable OffsetDateTime from, @Nullable OffsetDateTime to) {
        return range(from, to, DEFAULT_TOOL_WINDOW);
    }

    public TimeRange auditRange(@Nullable OffsetDateTime from, @Nullable OffsetDateTime to) {
        return range(from, to, settings.maxRange());
    }

    public Page<ToolCall> toolCalls(Principal principal, ToolCallFilter filter, PageRequest page) {
        return toolCalls.list(Access.monitoring(principal), filter, page);
    }

    public ToolCallStats toolCallStats(Principal principal, ToolCallFilter filter) {
        return toolCalls.stats(Access.monitoring(principal), filter);
    }

    /** The org's spend over the UTC days {@code from..to} (inclusive; default the last 30 days up to today). */
    public CostSummary costs(
            Principal principal, CostGrouping grouping, @Nullable LocalDate from, @Nullable LocalDate to) {
        String org = Access.monitoring(principal);
        LocalDate last = to == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : to;
        LocalDate first = from == null ? last.minusDays(DEFAULT_COST_DAYS - 1L) : from;
        if (first.isAfter(last)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > settings.maxCostDays()) {
            throw new InvalidInputException(
                    "from", "the range from..to may span at most " + settings.maxCostDays() + " days");
        }
        List<CostGroup> groups = ledger.sum(org, grouping, first, last);
        return new CostSummary(first, last, grouping, groups);
    }

    public Page<AuditEntry> auditLog(Principal principal, AuditFilter filter, PageRequest page) {
        return audit.list(Access.audit(principal), filter, page);
    }

    /** Spend of the days {@code from..to}, per group, and their total. */
    public record CostSummary(LocalDate from, LocalDate to, CostGrouping grouping, List<CostGroup> groups) {
        public CostSummary {
            groups = List.copyOf(groups);
        }

        public CostGroup total() {
            long turns = 0;
            long failed = 0;
            long in = 0;
            long out = 0;
            long cost = 0;
            for (CostGroup g : groups) {
                turns += g.turns();
                failed += g.failedTurns();
                in += g.inputTokens();
                out += g.outputTokens();
                cost += g.costMicros();
            }
            return new CostGroup("", "", turns, failed, in, out, cost);
        }
    }
}
