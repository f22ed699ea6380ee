package dev.stoa.eval.domain.scoring;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a turn of a case produced, as scorers see it.
 *
 * @param input the case's message (or its input JSON as text)
 * @param expected the case's expected output or reference, if any
 * @param output the final answer's text
 * @param outputJson a typed invoke's output object as text, if any
 * @param toolCalls the tool calls the model requested, in order
 * @param costMicros the turn's cost in micro-USD
 * @param latencyMs wall time of the turn
 */
public record Observation(
        String input,
        @Nullable String expected,
        String output,
        @Nullable String outputJson,
        List<ToolCallMade> toolCalls,
        long costMicros,
        long latencyMs) {

    /** One requested tool call: its name and arguments (a JSON object). */
    public record ToolCallMade(String name, JsonNode arguments) {}

    /** The answer scorers compare: the typed output when there is one, else the text. */
    public String answer() {
        return outputJson != null && !outputJson.isEmpty() ? outputJson : output;
    }
}
