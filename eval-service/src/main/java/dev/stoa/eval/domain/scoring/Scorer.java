package dev.stoa.eval.domain.scoring;

import com.google.re2j.Pattern;
import com.networknt.schema.JsonSchema;
import dev.stoa.embeddings.SentenceEmbeddings;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A check of one case's outcome; every scorer returns a score in 0..1, whether it passed, and its reasoning. Specs
 * are JSON objects with a {@code type} ({@link ScorerSpecs} parses them); where a scorer compares with a value and none
 * is given, the case's {@code expected} is used.
 */
public sealed interface Scorer
        permits Scorer.Exact,
                Scorer.Contains,
                Scorer.Regex,
                Scorer.JsonSchemaConformance,
                Scorer.SemanticSimilarity,
                Scorer.ToolCallExpected,
                Scorer.CostBudget,
                Scorer.LatencyBudget,
                Scorer.LlmJudge {

    /** The spec's type: also the scorer's name in results and comparisons. */
    String type();

    ScoreResult score(Observation observation, ScoringTools tools);

    /** The answer equals the value (whitespace-trimmed; JSON documents compare as trees; optionally ignoring case). */
    record Exact(@Nullable String value, boolean ignoreCase) implements Scorer {
        @Override
        public String type() {
            return "exact";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            String want = value != null ? value : o.expected();
            if (want == null) {
                return ScoreResult.pass(type(), false, "the case has no expected value to compare with");
            }
            String got = o.answer().strip();
            JsonNode wantTree = Json.tree(want);
            JsonNode gotTree = Json.tree(got);
            boolean equal = wantTree != null && gotTree != null && wantTree.isContainer()
                    ? wantTree.equals(gotTree)
                    : ignoreCase ? got.equalsIgnoreCase(want.strip()) : got.equals(want.strip());
            return ScoreResult.pass(
                    type(),
                    equal,
                    equal ? "the answer equals the expected value" : "the answer differs from the expected value");
        }
    }

    /** The answer contains the value (optionally ignoring case). */
    record Contains(@Nullable String value, boolean ignoreCase) implements Scorer {
        @Override
        public String type() {
            return "contains";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            String want = value != null ? value : o.expected();
            if (want == null) {
                return ScoreResult.pass(type(), false, "the case has no expected value to look for");
            }
            boolean found = ignoreCase
                    ? o.answer().toLowerCase(Locale.ROOT).contains(want.toLowerCase(Locale.ROOT))
                    : o.answer().contains(want);
            return ScoreResult.pass(
                    type(), found, found ? "the answer contains the expected text" : "the expected text is missing");
        }
    }

    /**
     * The pattern is found in the answer. RE2/J matches in time linear in the input (no backtracking), so a user's
     * pattern cannot hang a worker whatever answer it meets.
     */
    record Regex(Pattern pattern) implements Scorer {
        @Override
        public String type() {
            return "regex";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            boolean found = pattern.matcher(o.answer()).find();
            return ScoreResult.pass(
                    type(), found, found ? "the pattern matches the answer" : "the pattern does not match the answer");
        }
    }

    /** The answer (typed output, else the text) is JSON conforming to the schema (draft 2020-12). */
    record JsonSchemaConformance(JsonSchema schema) implements Scorer {
        @Override
        public String type() {
            return "json_schema";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            return Json.conformance(type(), schema, o.answer());
        }
    }

    /** Cosine similarity of answer and reference (all-MiniLM-L6-v2, in process); passes at or above the threshold. */
    record SemanticSimilarity(@Nullable String value, double threshold) implements Scorer {
        @Override
        public String type() {
            return "semantic_similarity";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            String reference = value != null ? value : o.expected();
            if (reference == null) {
                return ScoreResult.pass(type(), false, "the case has no expected value to compare with");
            }
            double cosine = SentenceEmbeddings.cosine(
                    tools.embeddings().embed(o.answer()), tools.embeddings().embed(reference));
            double score = Math.clamp(cosine, 0, 1);
            boolean passed = score >= threshold;
            return new ScoreResult(
                    type(),
                    score,
                    passed,
                    String.format(
                            Locale.ROOT,
                            "cosine similarity %.3f %s threshold %.3f",
                            score,
                            passed ? ">=" : "<",
                            threshold));
        }
    }

    /** The model requested the named tool, with arguments containing {@code arguments} (a subset), if given. */
    record ToolCallExpected(String name, @Nullable JsonNode arguments) implements Scorer {
        @Override
        public String type() {
            return "tool_call";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            boolean named = false;
            for (Observation.ToolCallMade call : o.toolCalls()) {
                if (call.name().equals(name)) {
                    named = true;
                    if (arguments == null || Json.isSubset(arguments, call.arguments())) {
                        return ScoreResult.pass(type(), true, "called " + name + " with the expected arguments");
                    }
                }
            }
            return ScoreResult.pass(
                    type(),
                    false,
                    named
                            ? "called " + name + " but not with the expected arguments"
                            : "did not call " + name + " (" + o.toolCalls().size() + " tool calls)");
        }
    }

    /** The turn cost at most {@code maxCostMicros}; over budget scores budget / cost. */
    record CostBudget(long maxCostMicros) implements Scorer {
        @Override
        public String type() {
            return "cost_budget";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            return Budgets.score(type(), o.costMicros(), maxCostMicros, "micro-USD");
        }
    }

    /** The turn took at most {@code maxLatencyMs}; over budget scores budget / latency. */
    record LatencyBudget(long maxLatencyMs) implements Scorer {
        @Override
        public String type() {
            return "latency_budget";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            return Budgets.score(type(), o.latencyMs(), maxLatencyMs, "ms");
        }
    }

    /** A model grades the answer against the rubric (the run's judge model); passes at or above the threshold. */
    record LlmJudge(String rubric, double threshold) implements Scorer {
        @Override
        public String type() {
            return "llm_judge";
        }

        @Override
        public ScoreResult score(Observation o, ScoringTools tools) {
            Judge.Verdict verdict = tools.judge().judge(rubric, o);
            double score = Math.clamp(verdict.score(), 0, 1);
            return new ScoreResult(type(), score, score >= threshold, verdict.reasoning());
        }
    }
}
