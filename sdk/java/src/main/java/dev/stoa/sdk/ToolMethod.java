package dev.stoa.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** One {@link StoaTool} method: its registration (name, description, arguments schema) and how to call it. */
final class ToolMethod {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final SchemaGenerator SCHEMAS =
            new SchemaGenerator(new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                    .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
                    .build());

    final String name;
    final StoaTool annotation;
    final ObjectNode inputSchema;
    private final Object target;
    private final Method method;
    private final boolean wholeObject;

    private ToolMethod(Object target, Method method, StoaTool annotation) {
        this.target = target;
        this.method = method;
        this.annotation = annotation;
        this.name = annotation.name().isEmpty() ? method.getName() : annotation.name();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name + "' must match " + NAME.pattern());
        }
        Parameter[] parameters = method.getParameters();
        this.wholeObject = parameters.length == 1 && isObjectType(parameters[0].getType());
        this.inputSchema = wholeObject ? objectSchema(parameters[0]) : propertiesSchema(parameters);
        method.setAccessible(true);
    }

    /** The {@link StoaTool} methods of {@code target}. */
    static List<ToolMethod> of(Object target) {
        List<ToolMethod> out = new ArrayList<>();
        for (Method m : target.getClass().getMethods()) {
            StoaTool annotation = m.getAnnotation(StoaTool.class);
            if (annotation != null) {
                out.add(new ToolMethod(target, m, annotation));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(target.getClass().getName() + " has no public @StoaTool method");
        }
        return out;
    }

    /** The entry of a register frame. */
    ObjectNode registration(ObjectMapper json) {
        ObjectNode tool = json.createObjectNode();
        tool.put("name", name);
        tool.put("description", annotation.description());
        tool.set("input_schema", inputSchema);
        if (annotation.timeoutMs() > 0) {
            tool.put("timeout_ms", annotation.timeoutMs());
        }
        ArrayNode tags = tool.putArray("tags");
        for (String tag : annotation.tags()) {
            tags.add(tag);
        }
        tool.put("idempotent", annotation.idempotent());
        return tool;
    }

    /** Runs the method with the call's arguments; returns its result as JSON. */
    JsonNode invoke(ObjectMapper json, JsonNode arguments) throws Throwable {
        @Nullable Object[] args;
        Parameter[] parameters = method.getParameters();
        try {
            if (wholeObject) {
                args = new Object[] {json.treeToValue(arguments, parameters[0].getType())};
            } else {
                args = new Object[parameters.length];
                for (int i = 0; i < parameters.length; i++) {
                    JsonNode value = arguments.get(parameters[i].getName());
                    args[i] = value == null || value.isNull() ? null : json.treeToValue(value, parameters[i].getType());
                }
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ToolException(
                    "invalid_arguments", "the arguments do not fit the tool: " + e.getOriginalMessage(), false);
        }
        try {
            return json.valueToTree(method.invoke(target, args));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isObjectType(Class<?> type) {
        return !type.isPrimitive()
                && !type.getName().startsWith("java.")
                && !type.isEnum()
                && !type.isArray()
                && !Map.class.isAssignableFrom(type);
    }

    private static ObjectNode objectSchema(Parameter parameter) {
        ObjectNode schema = SCHEMAS.generateSchema(parameter.getParameterizedType());
        schema.remove("$schema");
        return schema;
    }

    private static ObjectNode propertiesSchema(Parameter[] parameters) {
        ObjectNode schema = new ObjectMapper().createObjectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.putArray("required");
        for (Parameter p : parameters) {
            ObjectNode property = SCHEMAS.generateSchema(p.getParameterizedType());
            property.remove("$schema");
            properties.set(p.getName(), property);
            if (p.getType().isPrimitive()) {
                required.add(p.getName());
            }
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
