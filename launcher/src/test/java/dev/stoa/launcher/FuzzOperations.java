package dev.stoa.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The operations of an OpenAPI document as the fuzzer needs them: method, path template, parameters and the JSON
 * body schema, with every {@code $ref} resolved against the document. New operations appear here as soon as the
 * gateway's document lists them.
 */
final class FuzzOperations {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private FuzzOperations() {}

    /** A parameter of an operation (path, query or header). */
    record Param(String name, String in, JsonNode schema, boolean required) {}

    /** One operation of the document. */
    record Operation(
            String method,
            String path,
            String id,
            List<Param> params,
            @Nullable JsonNode body,
            boolean secured) {

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Operation> of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    if (!METHODS.contains(entry.getKey())) {
                        return;
                    }
                    JsonNode operation = entry.getValue();
                    List<Param> params = new ArrayList<>();
                    for (JsonNode p : operation.path("parameters")) {
                        JsonNode param = resolve(document, p);
                        params.add(new Param(
                                param.path("name").asString(),
                                param.path("in").asString(),
                                resolve(document, param.path("schema")),
                                param.path("required").asBoolean(false)));
                    }
                    JsonNode body = operation.at("/requestBody/content/application~1json/schema");
                    JsonNode security = operation.get("security");
                    boolean secured = security == null || !security.isEmpty();
                    operations.add(new Operation(
                            entry.getKey().toUpperCase(),
                            path.getKey(),
                            operation.path("operationId").asString(),
                            List.copyOf(params),
                            body.isMissingNode() ? null : body,
                            secured));
                }));
        return operations;
    }

    /** The node a {@code $ref} points to (repeatedly), or the node itself. */
    static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 16; hops++) {
            current = document.at(current.path("$ref").asString().substring(1));
        }
        return current;
    }

    /** The first non-null JSON type a schema allows ("string" for {@code ["string", "null"]}), or "object". */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asString().equals("null")) {
                    return t.asString();
                }
            }
        }
        return type.isString() ? type.asString() : schema.has("properties") ? "object" : "any";
    }
}
