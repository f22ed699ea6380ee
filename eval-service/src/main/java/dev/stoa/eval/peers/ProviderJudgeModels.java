package dev.stoa.eval.peers;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.eval.domain.model.ModelChoice;
import dev.stoa.eval.domain.port.JudgeModels;
import dev.stoa.eval.domain.scoring.Judge;
import dev.stoa.eval.domain.scoring.Observation;
import dev.stoa.eval.events.OutboxJudgeSpend;
import dev.stoa.eval.events.OutboxJudgeSpend.JudgeCall;
import dev.stoa.grpc.error.GrpcErrors;
import dev.stoa.proto.agent.v1.AgentRuntimeServiceGrpc.AgentRuntimeServiceBlockingStub;
import dev.stoa.proto.agent.v1.GetRuntimeConfigRequest;
import dev.stoa.proto.agent.v1.ModelTarget;
import dev.stoa.providers.ChatMessage;
import dev.stoa.providers.ChatRequest;
import dev.stoa.providers.ChatResult;
import dev.stoa.providers.ProviderClients;
import dev.stoa.providers.ProviderEndpoint;
import dev.stoa.providers.ProviderException;
import dev.stoa.providers.ProviderKind;
import dev.stoa.providers.ProviderSettings;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The LLM judge: the judge model's chain comes from agent-service ({@code GetRuntimeConfig} with
 * {@code model_override}, so it is resolved and checked like the agent's own model), the call goes through
 * libs/providers, the reply must be a JSON verdict {@code {"score": 0..1, "reasoning": "..."}}, and the call's cost is
 * recorded as spend once per judge turn id.
 */
public final class ProviderJudgeModels implements JudgeModels {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SYSTEM = "You grade an AI agent's answer against a rubric. Reply with one JSON object"
            + " and nothing else: {\"score\": <number from 0 to 1>, \"reasoning\": \"<one or two sentences>\"}.";

    private final AgentRuntimeServiceBlockingStub agent;
    private final ProviderSettings settings;
    private final OutboxJudgeSpend spend;
    private final Clock clock;

    public ProviderJudgeModels(
            AgentRuntimeServiceBlockingStub agent, ProviderSettings settings, OutboxJudgeSpend spend, Clock clock) {
        this.agent = agent;
        this.settings = settings;
        this.spend = spend;
        this.clock = clock;
    }

    @Override
    public Judge.Verdict judge(
            String orgId,
            String agentId,
            int agentVersion,
            ModelChoice model,
            String turnKey,
            String rubric,
            Observation observation) {
        ModelTarget target = target(orgId, agentId, agentVersion, model);
        Instant started = clock.instant();
        ChatResult result;
        try {
            result = ProviderClients.create(
                            ProviderEndpoint.of(
                                    ProviderKind.fromWire(target.getProviderKind()),
                                    target.getBaseUrl().isEmpty() ? null : target.getBaseUrl(),
                                    target.getApiKey()),
                            settings)
                    .complete(new ChatRequest(
                            target.getModel(),
                            SYSTEM,
                            List.of(ChatMessage.user(prompt(rubric, observation))),
                            List.of(),
                            512,
                            0.0));
        } catch (ProviderException e) {
            throw new StoaException(
                    ErrorKind.UNAVAILABLE, "judge_unavailable", "the judge model failed: " + e.getMessage());
        }
        long inputTokens = result.usage().inputTokens();
        long outputTokens = result.usage().outputTokens();
        long cost = (inputTokens * target.getInfo().getInputPriceMicrosPerMtok()
                        + outputTokens * target.getInfo().getOutputPriceMicrosPerMtok())
                / 1_000_000;
        spend.charge(new JudgeCall(
                orgId,
                agentId,
                agentVersion,
                turnId(turnKey),
                target.getProviderId(),
                target.getModel(),
                inputTokens,
                outputTokens,
                cost,
                started,
                clock.instant()));
        return verdict(result.text());
    }

    /** The deterministic turn id of a judge call (the spend record's key). */
    static String turnId(String turnKey) {
        return "evj_"
                + UUID.nameUUIDFromBytes(turnKey.getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }

    /** The verdict in a reply: the outermost JSON object in it, with a score in 0..1. */
    static Judge.Verdict verdict(String reply) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start >= 0 && end > start) {
            try {
                JsonNode node = JSON.readTree(reply.substring(start, end + 1));
                JsonNode score = node.get("score");
                if (score != null && score.isNumber() && score.asDouble() >= 0 && score.asDouble() <= 1) {
                    return new Judge.Verdict(
                            score.asDouble(), node.path("reasoning").asString(""));
                }
            } catch (JacksonException e) {
                // fall through: not a verdict
            }
        }
        throw new StoaException(ErrorKind.UNAVAILABLE, "judge_reply_invalid", "the judge did not reply with a verdict");
    }

    private ModelTarget target(String orgId, String agentId, int agentVersion, ModelChoice model) {
        try {
            List<ModelTarget> chain = agent.getRuntimeConfig(GetRuntimeConfigRequest.newBuilder()
                            .setOrgId(orgId)
                            .setAgentId(agentId)
                            .setVersion(agentVersion)
                            .setModelOverride(GrpcAgentVersions.selector(model))
                            .build())
                    .getConfig()
                    .getModelChainList();
            if (chain.isEmpty()) {
                throw new StoaException(ErrorKind.FAILED_PRECONDITION, "judge_unavailable", "no judge model resolved");
            }
            return Objects.requireNonNull(chain.getFirst());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toStoaException(e);
        }
    }

    private static String prompt(String rubric, Observation o) {
        return "Rubric:\n" + rubric + "\n\nInput:\n" + o.input()
                + (o.expected() == null ? "" : "\n\nReference answer:\n" + o.expected())
                + "\n\nAnswer to grade:\n" + o.answer();
    }
}
