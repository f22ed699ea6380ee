package dev.stoa.workflow.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Steps read earlier data by JSONPath (Jayway json-path) over the run's context {@code {input, steps: {id: {output}}}}:
 * any string that starts with {@code $.} or is {@code $} is an expression; a path that finds nothing is null.
 */
public final class Expressions {
    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(JACKSON2))
            .mappingProvider(new JacksonMappingProvider(JACKSON2))
            .build();

    private Expressions() {}

    /** The context of a run: its input and the outputs of completed steps. */
    public static ObjectNode context(String inputJson, Map<String, String> outputs) {
        ObjectNode context = Definitions.JSON.createObjectNode();
        context.set("input", Definitions.JSON.readTree(inputJson));
        ObjectNode steps = context.putObject("steps");
        outputs.forEach((id, output) -> steps.putObject(id).set("output", Definitions.JSON.readTree(output)));
        return context;
    }

    public static boolean isExpression(String text) {
        return text.equals("$") || text.startsWith("$.") || text.startsWith("$[");
    }

    /** The value of {@code path} in {@code context}; null JSON when nothing matches. */
    public static JsonNode eval(String path, JsonNode context) {
        try {
            Object found = JsonPath.using(CONFIG).parse(context.toString()).read(path);
            return found == null
                    ? NullNode.getInstance()
                    : Definitions.JSON.readTree(JACKSON2.valueToTree(found).toString());
        } catch (com.jayway.jsonpath.PathNotFoundException e) {
            return NullNode.getInstance();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("invalid expression " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code template} with every expression string (in objects and arrays too) replaced by its value. */
    public static JsonNode resolve(@Nullable JsonNode template, JsonNode context) {
        if (template == null || template.isMissingNode()) {
            return NullNode.getInstance();
        }
        if (template.isString() && isExpression(template.asString())) {
            return eval(template.asString(), context);
        }
        if (template.isObject()) {
            ObjectNode out = Definitions.JSON.createObjectNode();
            template.properties().forEach(e -> out.set(e.getKey(), resolve(e.getValue(), context)));
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Definitions.JSON.createArrayNode();
            template.forEach(v -> out.add(resolve(v, context)));
            return out;
        }
        return template;
    }

    /** A text field: the expression's value as text (strings unquoted), or the literal text. */
    public static String text(String template, JsonNode context) {
        if (!isExpression(template)) {
            return template;
        }
        JsonNode value = eval(template, context);
        return value.isString() ? value.asString() : value.isNull() ? "" : value.toString();
    }

    /** JSON truthiness: null, false, 0, "" and empty containers are false. */
    public static boolean truthy(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        if (value.isString()) {
            return !value.asString().isEmpty();
        }
        return !value.isEmpty();
    }
}
