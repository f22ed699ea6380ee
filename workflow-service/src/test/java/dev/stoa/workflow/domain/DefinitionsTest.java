package dev.stoa.workflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.workflow.domain.model.Definition;
import dev.stoa.workflow.domain.model.StepSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Definitions (schema, graph rules, defaults, back-off) and expressions, without the service. */
class DefinitionsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void readsStepsWithTheirDefaultsAndBackOff() {
        Definition d = Definitions.validate(
                json("{'steps':[{'id':'a','type':'tool','tool':'t','retry':{'max_attempts':4,'backoff_ms':100,"
                        + "'multiplier':3}},{'id':'b','type':'delay','seconds':2,'needs':['a']}],"
                        + "'output':'$.steps.a.output'}"),
                "definition");
        StepSpec a = d.require("a");
        assertThat(a.maxAttempts()).isEqualTo(4);
        assertThat(a.backoffBefore(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(a.backoffBefore(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(a.backoffBefore(4)).isEqualTo(Duration.ofMillis(900));
        assertThat(d.require("b").maxAttempts()).isEqualTo(1);
        assertThat(d.require("b").timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.output()).isEqualTo("$.steps.a.output");
    }

    @Test
    void aLongerCycleNamesAStepOnIt() {
        assertThatThrownBy(() -> Definitions.validate(
                        json("{'steps':[{'id':'start','type':'tool','tool':'t'},"
                                + "{'id':'x','type':'tool','tool':'t','needs':['start','z']},"
                                + "{'id':'y','type':'tool','tool':'t','needs':['x']},"
                                + "{'id':'z','type':'tool','tool':'t','needs':['y']}]}"),
                        "definition"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("step 'x'")
                .hasMessageContaining("acyclic");
    }

    @Test
    void duplicateIdsAndBranchesOnPlainStepsAreRefused() {
        assertThatThrownBy(() -> Definitions.validate(
                        json("{'steps':[{'id':'a','type':'tool','tool':'t'},{'id':'a','type':'tool','tool':'u'}]}"),
                        "definition"))
                .hasMessageContaining("unique_ids");
        assertThatThrownBy(() -> Definitions.validate(
                        json("{'steps':[{'id':'a','type':'tool','tool':'t','branches':{'x':'b'}},"
                                + "{'id':'b','type':'tool','tool':'t','needs':['a']}]}"),
                        "definition"))
                .hasMessageContaining("branches_on_branching_steps");
    }

    @Test
    void schemaViolationsNameTheField() {
        assertThatThrownBy(() -> Definitions.validate(
                        json("{'steps':[{'id':'Bad-Id','type':'tool','tool':'t'}]}"), "definition"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("definition.steps[0].id");
        assertThatThrownBy(() -> Definitions.validate(json("{'steps':[],'extra':1}"), "definition"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void expressionsReadTheContext() {
        var context = Expressions.context(
                "{\"city\":\"Paris\",\"n\":[1,2,3]}", Map.of("ask", "{\"message\":\"yes\",\"score\":0}"));
        assertThat(Expressions.text("$.input.city", context)).isEqualTo("Paris");
        assertThat(Expressions.text("plain $.text", context)).isEqualTo("plain $.text");
        assertThat(Expressions.eval("$.input.n[1]", context).asInt()).isEqualTo(2);
        assertThat(Expressions.eval("$.steps.ask.output.missing", context).isNull())
                .isTrue();
        assertThat(Expressions.resolve(json("{'a':['$.steps.ask.output.message',7]}"), context)
                        .toString())
                .isEqualTo("{\"a\":[\"yes\",7]}");
        assertThat(Expressions.truthy(Expressions.eval("$.steps.ask.output.score", context)))
                .isFalse();
        assertThat(Expressions.truthy(Expressions.eval("$.steps.ask.output.message", context)))
                .isTrue();
    }
}
