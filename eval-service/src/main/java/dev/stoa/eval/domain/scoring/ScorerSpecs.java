package dev.stoa.eval.domain.scoring;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.stoa.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Parses scorer specs (JSON objects with a {@code type}); errors name the field, e.g. {@code scorers[1].pattern}.
 *
 * <pre>
 * {"type":"exact", "value"?, "ignore_case"?}        {"type":"contains", "value"?, "ignore_case"?}
 * {"type":"regex", "pattern"}                        {"type":"json_schema", "schema": {...}}
 * {"type":"semantic_similarity", "value"?, "threshold"? (0.8)}
 * {"type":"tool_call", "name", "arguments"? {...}}   {"type":"cost_budget", "max_cost_micros"}
 * {"type":"latency_budget", "max_latency_ms"}        {"type":"llm_judge", "rubric", "threshold"? (0.5)}
 * </pre>
 */
public final class ScorerSpecs {
    /** Most scorers per case or run. */
    public static final int MAX_SCORERS = 10;

    static final int MAX_PATTERN = 1_000;
    static final int MAX_VALUE = 32_768;
    static final int MAX_RUBRIC = 8_000;
    static final Set<String> TYPES = Set.of(
            "exact",
            "contains",
            "regex",
            "json_schema",
            "semantic_similarity",
            "tool_call",
            "cost_budget",
            "latency_budget",
            "llm_judge");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private ScorerSpecs() {}

    /** The scorers of a JSON array of specs; {@code field} names the array in errors. */
    public static List<Scorer> parse(JsonNode specs, String field) {
        if (!specs.isArray()) {
            throw new InvalidInputException(field, "must be an array of scorer specs");
        }
        if (specs.size() > MAX_SCORERS) {
            throw new InvalidInputException(field, "must hold at most " + MAX_SCORERS + " scorers");
        }
        List<Scorer> scorers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            scorers.add(one(specs.get(i), field + "[" + i + "]"));
        }
        return scorers;
    }

    /** Stored specs (already checked once) as scorers. */
    public static List<Scorer> parse(String json) {
        JsonNode tree = Json.tree(json);
        return tree == null ? List.of() : parse(tree, "scorers");
    }

    /** Whether any spec is an LLM judge (runs then need a judge model). */
    public static boolean needsJudge(List<Scorer> scorers) {
        return scorers.stream().anyMatch(s -> s instanceof Scorer.LlmJudge);
    }

    private static Scorer one(JsonNode spec, String field) {
        if (!spec.isObject()) {
            throw new InvalidInputException(field, "must be an object with a type");
        }
        String type = spec.path("type").asString("");
        if (!TYPES.contains(type)) {
            throw new InvalidInputException(field + ".type", "must be one of " + new java.util.TreeSet<>(TYPES));
        }
        return switch (type) {
            case "exact" -> new Scorer.Exact(text(spec, field, "value", MAX_VALUE, false), bool(spec, "ignore_case"));
            case "contains" ->
                new Scorer.Contains(text(spec, field, "value", MAX_VALUE, false), bool(spec, "ignore_case"));
            case "regex" -> regex(spec, field);
            case "json_schema" -> schema(spec, field);
            case "semantic_similarity" ->
                new Scorer.SemanticSimilarity(
                        text(spec, field, "value", MAX_VALUE, false), fraction(spec, field, "threshold", 0.8));
            case "tool_call" -> toolCall(spec, field);
            case "cost_budget" -> new Scorer.CostBudget(positive(spec, field, "max_cost_micros"));
            case "latency_budget" -> new Scorer.LatencyBudget(positive(spec, field, "max_latency_ms"));
            default ->
                new Scorer.LlmJudge(
                        nonNull(text(spec, field, "rubric", MAX_RUBRIC, true)),
                        fraction(spec, field, "threshold", 0.5));
        };
    }

    private static Scorer regex(JsonNode spec, String field) {
        String pattern = nonNull(text(spec, field, "pattern", MAX_PATTERN, true));
        try {
            return new Scorer.Regex(Pattern.compile(pattern));
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException(field + ".pattern", "is not a valid RE2 regular expression");
        }
    }

    private static Scorer schema(JsonNode spec, String field) {
        JsonNode schema = spec.get("schema");
        if (schema == null || !schema.isObject()) {
            throw new InvalidInputException(field + ".schema", "must be a JSON Schema object");
        }
        try {
            return new Scorer.JsonSchemaConformance(
                    SCHEMAS.getSchema(Json.LEGACY.readTree(Json.MAPPER.writeValueAsString(schema))));
        } catch (RuntimeException | com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(field + ".schema", "is not a usable JSON Schema");
        }
    }

    private static Scorer toolCall(JsonNode spec, String field) {
        String name = nonNull(text(spec, field, "name", 128, true));
        JsonNode arguments = spec.get("arguments");
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            throw new InvalidInputException(field + ".arguments", "must be an object");
        }
        return new Scorer.ToolCallExpected(name, arguments == null || arguments.isNull() ? null : arguments);
    }

    private static @Nullable String text(JsonNode spec, String field, String name, int max, boolean required) {
        JsonNode node = spec.get(name);
        if (node == null || node.isNull()) {
            if (required) {
                throw new InvalidInputException(field + "." + name, "is required");
            }
            return null;
        }
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > max) {
            throw new InvalidInputException(field + "." + name, "must be a string of 1 to " + max + " characters");
        }
        return node.asString();
    }

    private static String nonNull(@Nullable String value) {
        if (value == null) {
            throw new IllegalStateException("required values are checked");
        }
        return value;
    }

    private static boolean bool(JsonNode spec, String name) {
        return spec.path(name).asBoolean(false);
    }

    private static double fraction(JsonNode spec, String field, String name, double fallback) {
        JsonNode node = spec.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw new InvalidInputException(field + "." + name, "must be a number from 0 to 1");
        }
        return node.asDouble();
    }

    private static long positive(JsonNode spec, String field, String name) {
        JsonNode node = spec.get(name);
        if (node == null || !node.isIntegralNumber() || node.asLong() <= 0) {
            throw new InvalidInputException(field + "." + name, "must be a positive integer");
        }
        return node.asLong();
    }
}
