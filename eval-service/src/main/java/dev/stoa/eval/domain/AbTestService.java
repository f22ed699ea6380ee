package dev.stoa.eval.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.eval.domain.model.AbStatus;
import dev.stoa.eval.domain.model.AbTest;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.model.VariantSummary;
import dev.stoa.eval.domain.port.AbTestRepository;
import dev.stoa.eval.domain.port.AgentRouting;
import dev.stoa.eval.domain.port.AgentVersions;
import dev.stoa.eval.domain.stats.AbStats;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * A/B tests: variant B becomes the agent's canary through agent-service (variant A is the version current then), live
 * turns are judged by {@link LiveTurns}, the statistics decide, and promote or stop ends the test through agent-service.
 */
@Service
public final class AbTestService {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AbTestRepository tests;
    private final AgentRouting routing;
    private final AgentVersions agents;
    private final Clock clock;

    public AbTestService(AbTestRepository tests, AgentRouting routing, AgentVersions agents, Clock clock) {
        this.tests = tests;
        this.routing = routing;
        this.agents = agents;
        this.clock = clock;
    }

    /** What a new test names; the request layer has checked ranges and defaults. */
    public record NewAbTest(
            String name,
            String agentId,
            int versionB,
            int percent,
            String rubric,
            ModelChoice judgeModel,
            double sampleRate,
            double passThreshold,
            double minDetectableEffect,
            @Nullable Integer minSamplesPerVariant,
            double alpha) {}

    public AbTest create(Principal principal, NewAbTest request) {
        String orgId = Access.write(principal);
        String actor = actor(principal);
        if (tests.running(orgId, request.agentId()).isPresent()) {
            throw running(request.agentId());
        }
        if (!agents.exists(orgId, request.agentId(), request.versionB())) {
            throw Fields.notFound(
                    "variant_b_version", "agent " + request.agentId() + " has no version " + request.versionB());
        }
        if (!agents.judgeModelAvailable(orgId, request.agentId(), request.versionB(), request.judgeModel())) {
            throw Fields.unprocessable(
                    "judge_model_unavailable", "judge_model", "the org has no provider for this judge model");
        }
        int versionA;
        try {
            versionA = routing.setCanary(orgId, request.agentId(), request.versionB(), request.percent(), actor);
        } catch (StoaException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> Fields.notFound("agent_id", "agent " + request.agentId() + " not found");
                case INVALID_ARGUMENT, FAILED_PRECONDITION ->
                    Fields.unprocessable(
                            "variant_b_invalid",
                            "variant_b_version",
                            Objects.requireNonNullElse(e.getMessage(), "cannot be the canary"));
                default -> e;
            };
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        AbTest test = new AbTest(
                Ids.generate("abt"),
                orgId,
                request.agentId(),
                request.name(),
                versionA,
                request.versionB(),
                request.percent(),
                request.rubric(),
                JSON.writeValueAsString(request.judgeModel()),
                request.sampleRate(),
                request.passThreshold(),
                request.minDetectableEffect(),
                request.minSamplesPerVariant(),
                request.alpha(),
                AbStatus.RUNNING,
                null,
                null,
                actor,
                now,
                now,
                null);
        if (!tests.insert(test)) {
            // another test of the agent started meanwhile and owns the canary now
            throw running(request.agentId());
        }
        return test;
    }

    public AbTest get(Principal principal, String id) {
        return find(Access.read(principal), id);
    }

    public Page<AbTest> list(Principal principal, PageRequest page) {
        return tests.list(Access.read(principal), page);
    }

    /** A test with its statistics. */
    public record TestStats(AbTest test, AbStats.Result stats) {}

    public TestStats stats(Principal principal, String id) {
        String orgId = Access.read(principal);
        return stats(orgId, find(orgId, id));
    }

    private TestStats stats(String orgId, AbTest test) {
        Map<String, VariantSummary> summaries = tests.summaries(orgId, test.id());
        return new TestStats(
                test,
                AbStats.of(
                        summaries.getOrDefault("a", VariantSummary.EMPTY),
                        summaries.getOrDefault("b", VariantSummary.EMPTY),
                        test.alpha(),
                        test.minDetectableEffect(),
                        test.minSamplesPerVariant()));
    }

    /**
     * Promotes {@code variant} (default: the winner; 409 {@code no_winner} without one): B becomes the agent's current
     * version ({@code PromoteVersion}); A stays current and the canary stops. The test is completed.
     */
    public AbTest promote(Principal principal, String id, @Nullable String variant) {
        String orgId = Access.write(principal);
        AbTest test = requireRunning(orgId, id);
        String chosen = variant;
        if (chosen == null) {
            AbStats.Decision decision = stats(orgId, test).stats().decision();
            chosen = switch (decision) {
                case B_BETTER -> "b";
                case A_BETTER -> "a";
                default ->
                    throw new ConflictException(
                            "no_winner", "the test's decision is " + decision.wire() + "; name the variant to promote");
            };
        }
        int promoted;
        if (chosen.equals("b")) {
            promoted = routing.promote(orgId, test.agentId(), test.versionB(), actor(principal));
        } else {
            routing.clearCanary(orgId, test.agentId(), actor(principal));
            promoted = test.versionA();
        }
        tests.end(orgId, id, AbStatus.COMPLETED, chosen, promoted, OffsetDateTime.now(clock));
        return find(orgId, id);
    }

    /** Stops the test without a promotion: the canary stops, variant A stays current. */
    public AbTest stop(Principal principal, String id) {
        String orgId = Access.write(principal);
        AbTest test = requireRunning(orgId, id);
        routing.clearCanary(orgId, test.agentId(), actor(principal));
        tests.end(orgId, id, AbStatus.STOPPED, null, null, OffsetDateTime.now(clock));
        return find(orgId, id);
    }

    private AbTest requireRunning(String orgId, String id) {
        AbTest test = find(orgId, id);
        if (test.status() != AbStatus.RUNNING) {
            throw new ConflictException(
                    "test_not_running", "the test is " + test.status().wire());
        }
        return test;
    }

    private AbTest find(String orgId, String id) {
        return tests.find(orgId, id).orElseThrow(() -> new NotFoundException("ab_test", id));
    }

    private static ConflictException running(String agentId) {
        return new ConflictException("ab_test_running", "agent " + agentId + " already has a running A/B test");
    }

    private static String actor(Principal principal) {
        return Objects.requireNonNullElse(principal.userId(), principal.subject());
    }
}
