package dev.stoa.launcher;

import dev.stoa.launcher.FuzzOperations.Operation;
import dev.stoa.launcher.FuzzOperations.Param;
import dev.stoa.test.TestHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bad requests for one operation: a plausible request (real ids of the caller's org, required fields with
 * believable values) changed in one place. Always: NUL in each string field of the body (up to a dozen), a malformed
 * body, NUL and a malformed escape in each path id, a bad value for each query parameter; then {@code tries} more
 * drawn at random from every family of {@link BadValues}.
 */
final class FuzzCases {
    private static final String MARK = "@@bad@@";
    private static final int MAX_NUL_FIELDS = 12;

    /** One request to send and how to describe it. */
    record Case(String what, String method, String target, Map<String, String> headers, byte @Nullable [] body) {}

    private final JsonNode document;
    private final Operation operation;
    private final Map<String, String> fixtures;
    private final Random random;
    private final List<Field> fields = new ArrayList<>();

    /** A place in the body: the path of containers to it and its schema. */
    private record Field(List<String> path, JsonNode schema) {
        String name() {
            return String.join(".", path);
        }
    }

    FuzzCases(JsonNode document, Operation operation, Map<String, String> fixtures, Random random) {
        this.document = document;
        this.operation = operation;
        this.fixtures = fixtures;
        this.random = random;
        if (operation.body() != null) {
            collect(List.of(), operation.body(), 0);
        }
    }

    List<Case> cases(int tries) {
        List<Case> cases = new ArrayList<>();
        List<Field> strings = fields.stream()
                .filter(f -> FuzzOperations.type(f.schema()).equals("string"))
                .toList();
        for (Field field : strings.subList(0, Math.min(strings.size(), MAX_NUL_FIELDS))) {
            cases.add(withField(field, "\"\\u0000\""));
        }
        if (operation.body() != null) {
            cases.add(withBody(BadValues.pick(random, BadValues.bodies())));
        }
        for (Param param : operation.in("path")) {
            cases.add(withPath(param, "%00"));
            cases.add(withPath(param, "%%%"));
        }
        for (Param param : operation.in("query")) {
            cases.add(withQuery(param.name(), BadValues.pick(random, BadValues.queryValues())));
        }
        List<Supplier<Case>> families = families();
        for (int i = 0; i < tries; i++) {
            cases.add(BadValues.pick(random, families).get());
        }
        return cases;
    }

    private List<Supplier<Case>> families() {
        List<Supplier<Case>> families = new ArrayList<>();
        if (!fields.isEmpty()) {
            for (int weight = 0; weight < 4; weight++) {
                families.add(() -> {
                    Field field = BadValues.pick(random, fields);
                    return withField(field, BadValues.pick(random, badValues(field.schema())));
                });
            }
        }
        if (operation.body() != null) {
            families.add(() -> withBody(BadValues.pick(random, BadValues.bodies())));
            families.add(() -> withContentType(BadValues.pick(random, BadValues.contentTypes())));
            families.add(this::withInvalidUtf8);
            families.add(() -> withField(new Field(List.of("zz_unknown"), document), "1"));
        }
        for (Param param : operation.in("path")) {
            families.add(() -> withPath(param, BadValues.pick(random, BadValues.ids())));
        }
        for (Param param : operation.in("query")) {
            families.add(() -> withQuery(param.name(), BadValues.pick(random, BadValues.queryValues())));
        }
        families.add(() -> withQueryString(BadValues.pick(random, BadValues.queryStrings())));
        families.add(() -> withHeader("Idempotency-Key", BadValues.pick(random, BadValues.idempotencyKeys())));
        families.add(() -> withHeader("If-Match", BadValues.pick(random, BadValues.ifMatches())));
        families.add(() -> withHeader("Accept", BadValues.pick(random, BadValues.accepts())));
        families.add(() -> withHeader("X-Request-Id", BadValues.pick(random, List.of("a b", "x".repeat(500)))));
        families.add(() -> withMethod(BadValues.pick(random, BadValues.methods())));
        return families;
    }

    private List<String> badValues(JsonNode schema) {
        return switch (FuzzOperations.type(schema)) {
            case "string" -> BadValues.forString(schema);
            case "integer", "number" -> BadValues.forNumber(schema);
            case "boolean" -> BadValues.forBoolean();
            case "array" -> BadValues.forArray(text(example(resolve(schema.path("items")), 0)));
            default -> BadValues.forObject();
        };
    }

    private Case withField(Field field, String fragment) {
        ObjectNode body = (ObjectNode) example(operation.body(), 0);
        ObjectNode container = body;
        for (String step : field.path().subList(0, field.path().size() - 1)) {
            JsonNode next = container.get(step);
            container = next instanceof ObjectNode object ? object : container.putObject(step);
        }
        container.put(field.path().getLast(), MARK);
        String json = text(body).replace("\"" + MARK + "\"", fragment);
        return request(field.name() + " = " + abbreviate(fragment), operation.method(), target(Map.of(), null), json);
    }

    private Case withBody(String body) {
        return request("body " + abbreviate(body), operation.method(), target(Map.of(), null), body);
    }

    private Case withContentType(String contentType) {
        Case plain = request("Content-Type: " + contentType, operation.method(), target(Map.of(), null), baseBody());
        plain.headers().put("Content-Type", contentType);
        return plain;
    }

    private Case withInvalidUtf8() {
        byte[] prefix = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + 4];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        body[prefix.length] = (byte) 0xC3;
        body[prefix.length + 1] = (byte) 0x28;
        body[prefix.length + 2] = '"';
        body[prefix.length + 3] = '}';
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
        return new Case(
                "body with bytes that are not UTF-8", operation.method(), target(Map.of(), null), headers, body);
    }

    private Case withPath(Param param, String raw) {
        return request(
                "path " + param.name() + " = " + abbreviate(raw),
                operation.method(),
                target(Map.of(param.name(), raw), null),
                baseBody());
    }

    private Case withQuery(String name, String raw) {
        return request(
                "query " + name + " = " + abbreviate(raw),
                operation.method(),
                target(Map.of(), name + "=" + raw),
                baseBody());
    }

    private Case withQueryString(String raw) {
        return request("query " + abbreviate(raw), operation.method(), target(Map.of(), raw), baseBody());
    }

    private Case withHeader(String name, String value) {
        Case plain = request(name + ": " + abbreviate(value), operation.method(), target(Map.of(), null), baseBody());
        plain.headers().put(name, value);
        return plain;
    }

    private Case withMethod(String method) {
        return request("method " + method, method, target(Map.of(), null), baseBody());
    }

    private Case request(String what, String method, String target, @Nullable String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new Case(what, method, target, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private @Nullable String baseBody() {
        return operation.body() == null ? null : text(example(operation.body(), 0));
    }

    /** The request target: path ids from the fixtures unless overridden, required query parameters, extra query. */
    private String target(Map<String, String> rawPath, @Nullable String extraQuery) {
        String path = operation.path();
        for (Param param : operation.in("path")) {
            String value = rawPath.getOrDefault(param.name(), fixtures.getOrDefault(param.name(), "fuzz"));
            path = path.replace("{" + param.name() + "}", value);
        }
        List<String> query = new ArrayList<>();
        for (Param param : operation.in("query")) {
            if (param.required() && (extraQuery == null || !extraQuery.startsWith(param.name() + "="))) {
                query.add(param.name() + "=" + fixtures.getOrDefault(param.name(), "fuzz"));
            }
        }
        if (extraQuery != null) {
            query.add(extraQuery);
        }
        return query.isEmpty() ? path : path + "?" + String.join("&", query);
    }

    /** A plausible value for a schema: required properties only, real ids where the caller's org has them. */
    private JsonNode example(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        return switch (FuzzOperations.type(resolved)) {
            case "object" -> {
                ObjectNode object = TestHttp.JSON.createObjectNode();
                for (JsonNode required : resolved.path("required")) {
                    String name = required.asString();
                    JsonNode property = resolve(resolved.path("properties").path(name));
                    String fixture = fixtures.get(name);
                    if (fixture != null && FuzzOperations.type(property).equals("string")) {
                        object.put(name, fixture);
                    } else if (depth < 8) {
                        object.set(name, example(property, depth + 1));
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = TestHttp.JSON.createArrayNode();
                int items = Math.max(1, resolved.path("minItems").asInt(1));
                for (int i = 0; i < items && depth < 8; i++) {
                    array.add(example(resolved.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer", "number" ->
                TestHttp.JSON
                        .getNodeFactory()
                        .numberNode(Math.max(1, resolved.path("minimum").asLong(1)));
            case "boolean" -> TestHttp.JSON.getNodeFactory().booleanNode(true);
            case "string" -> TestHttp.JSON.getNodeFactory().stringNode(plausibleString(resolved));
            default -> TestHttp.JSON.createObjectNode();
        };
    }

    private String plausibleString(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.path("enum").path(0).asString();
        }
        if ("email".equals(schema.path("format").asString())) {
            return "fuzz-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        }
        int min = schema.path("minLength").asInt(0);
        return min > 4 ? "fuzz".repeat(min / 4 + 1) : "fuzz";
    }

    /** Every property the body schema names, nested ones too (array items at index 0 are not addressed). */
    private void collect(List<String> path, JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (depth > 4) {
            return;
        }
        resolved.path("properties").properties().forEach(p -> {
            List<String> child = new ArrayList<>(path);
            child.add(p.getKey());
            JsonNode property = resolve(p.getValue());
            fields.add(new Field(List.copyOf(child), property));
            if (FuzzOperations.type(property).equals("object") && property.has("properties")) {
                collect(child, property, depth + 1);
            }
        });
    }

    private JsonNode resolve(JsonNode schema) {
        return FuzzOperations.resolve(document, schema);
    }

    private static String text(JsonNode node) {
        return TestHttp.JSON.writeValueAsString(node);
    }

    static String abbreviate(String value) {
        String flat = value.replace("\n", "\\n");
        return flat.length() > 60 ? flat.substring(0, 60) + "...(" + flat.length() + " chars)" : flat;
    }
}
