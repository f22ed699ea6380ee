package dev.stoa.eval.domain.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.embeddings.SentenceEmbeddings;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Each scorer on observations made by hand; specs parsed as a request gives them. */
class ScorersTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SentenceEmbeddings EMBEDDINGS = new SentenceEmbeddings();
    private static final ScoringTools TOOLS = new ScoringTools(
            EMBEDDINGS,
            (rubric, o) -> new Judge.Verdict(o.output().contains("Paris") ? 0.9 : 0.2, "rubric: " + rubric));

    @Test
    void exactContainsAndRegex() {
        assertThat(score("{\"type\":\"exact\"}", obs("  4 ", "4")).passed()).isTrue();
        assertThat(score("{\"type\":\"exact\"}", obs("four", "4")).score()).isZero();
        assertThat(score("{\"type\":\"exact\",\"value\":\"OK\",\"ignore_case\":true}", obs("ok", null))
                        .passed())
                .isTrue();
        assertThat(score("{\"type\":\"exact\"}", obs("{\"b\": 2, \"a\": 1}", "{\"a\":1,\"b\":2}"))
                        .passed())
                .isTrue();
        assertThat(score("{\"type\":\"exact\"}", obs("x", null)).reasoning()).contains("no expected");
        assertThat(score("{\"type\":\"contains\"}", obs("the answer is Paris.", "Paris"))
                        .passed())
                .isTrue();
        assertThat(score("{\"type\":\"contains\",\"value\":\"paris\"}", obs("Paris", null))
                        .passed())
                .isFalse();
        assertThat(score("{\"type\":\"regex\",\"pattern\":\"^\\\\d{3}-\\\\d{4}$\"}", obs("555-1234", null))
                        .passed())
                .isTrue();
    }

    /** (a+)+$ on "aaaa...!" backtracks exponentially in java.util.regex; RE2/J answers in linear time. */
    @Test
    void regexIsSafeFromCatastrophicBacktracking() {
        String answer = "a".repeat(50_000) + "!";
        long start = System.nanoTime();
        ScoreResult result = score("{\"type\":\"regex\",\"pattern\":\"(a+)+$\"}", obs(answer, null));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(result.passed()).isFalse();
        assertThatThrownBy(() ->
                        ScorerSpecs.parse(JSON.readTree("[{\"type\":\"regex\",\"pattern\":\"(a\\\\1)\"}]"), "scorers"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void jsonSchemaConformance() {
        String spec = "{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\",\"required\":[\"city\"],"
                + "\"properties\":{\"city\":{\"type\":\"string\"}}}}";
        assertThat(score(spec, obs("{\"city\":\"Paris\"}", null)).passed()).isTrue();
        ScoreResult missing = score(spec, obs("{\"town\":\"Paris\"}", null));
        assertThat(missing.passed()).isFalse();
        assertThat(missing.reasoning()).contains("city");
        assertThat(score(spec, obs("Paris", null)).reasoning()).isEqualTo("the answer is not JSON");
    }

    @Test
    void semanticSimilarityWithTheInProcessModel() {
        String spec = "{\"type\":\"semantic_similarity\",\"threshold\":0.7}";
        ScoreResult close = score(spec, obs("The capital of France is Paris.", "Paris is France's capital city."));
        ScoreResult far = score(spec, obs("I like turtles and green tea.", "Paris is France's capital city."));
        assertThat(close.passed()).as(close.reasoning()).isTrue();
        assertThat(far.passed()).as(far.reasoning()).isFalse();
        assertThat(close.score()).isGreaterThan(far.score());
    }

    @Test
    void toolCallExpectations() {
        Observation o = new Observation(
                "weather?",
                null,
                "sunny",
                null,
                List.of(
                        new Observation.ToolCallMade("search", JSON.readTree("{\"q\":\"x\"}")),
                        new Observation.ToolCallMade(
                                "get_weather", JSON.readTree("{\"city\":\"Paris\",\"days\":3,\"unit\":\"c\"}"))),
                0,
                0);
        assertThat(score("{\"type\":\"tool_call\",\"name\":\"get_weather\"}", o).passed())
                .isTrue();
        assertThat(score(
                                "{\"type\":\"tool_call\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\",\"days\":3.0}}",
                                o)
                        .passed())
                .isTrue();
        ScoreResult wrongArgs =
                score("{\"type\":\"tool_call\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Rome\"}}", o);
        assertThat(wrongArgs.passed()).isFalse();
        assertThat(wrongArgs.reasoning()).contains("not with the expected arguments");
        assertThat(score("{\"type\":\"tool_call\",\"name\":\"book_flight\"}", o).reasoning())
                .contains("did not call book_flight");
    }

    @Test
    void budgetsAndJudge() {
        Observation o = new Observation("q", null, "Paris", null, List.of(), 2_000, 300);
        assertThat(score("{\"type\":\"cost_budget\",\"max_cost_micros\":5000}", o)
                        .passed())
                .isTrue();
        ScoreResult over = score("{\"type\":\"cost_budget\",\"max_cost_micros\":1000}", o);
        assertThat(over.passed()).isFalse();
        assertThat(over.score()).isCloseTo(0.5, within(1e-9));
        assertThat(score("{\"type\":\"latency_budget\",\"max_latency_ms\":100}", o)
                        .passed())
                .isFalse();
        ScoreResult judged = score("{\"type\":\"llm_judge\",\"rubric\":\"names the capital\",\"threshold\":0.8}", o);
        assertThat(judged.score()).isCloseTo(0.9, within(1e-9));
        assertThat(judged.passed()).isTrue();
        assertThat(judged.reasoning()).isEqualTo("rubric: names the capital");
        assertThat(ScorerSpecs.needsJudge(ScorerSpecs.parse("[{\"type\":\"llm_judge\",\"rubric\":\"r\"}]")))
                .isTrue();
    }

    private static ScoreResult score(String spec, Observation o) {
        List<Scorer> scorers = ScorerSpecs.parse(JSON.readTree("[" + spec + "]"), "scorers");
        ScoreResult result = scorers.getFirst().score(o, TOOLS);
        assertThat(result.scorer()).isEqualTo(scorers.getFirst().type());
        return result;
    }

    private static Observation obs(String output, @Nullable String expected) {
        return new Observation("input", expected, output, null, List.of(), 0, 0);
    }
}
