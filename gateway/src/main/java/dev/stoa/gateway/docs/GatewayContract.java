package dev.stoa.gateway.docs;

import dev.stoa.common.input.InputRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the gateway adds to the services' documents, since every request passes through it: the credentials it
 * accepts (a bearer token or API key, or {@code x-api-key}), the errors it can answer on any operation (rate limit,
 * upstream unavailable or too slow), its own paths (health and the API reference), and the tags in the order of the
 * API reference (spec 000's resource groups).
 */
final class GatewayContract {
    static final String BEARER = "bearer";
    static final String API_KEY = "api_key";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Set<String> OWN_OPERATIONS =
            Set.of("getHealth", "getOpenApiDocument", "getSwaggerUi", "getRedoc");
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Tags in the API reference's order, with what each group covers. */
    private static final Map<String, String> TAGS = tags(
            "Health", "Liveness of the gateway.",
            "API docs", "This document and the pages that render it.",
            "Auth", "Register, log in, refresh and log out; the caller's session; token verification keys.",
            "Organization", "The org, its members, API keys and SDK connections.",
            "Agents", "Agents, their immutable versions, prompts and rate limits.",
            "Agent invoke", "An agent's input and output schemas, and typed invocation.",
            "Chat", "Streaming chat turns with an agent.",
            "Conversations", "Conversations and their messages.",
            "Memory", "What an agent remembers about its users.",
            "Providers", "Bring-your-own-key model providers and the model catalog.",
            "Tiers", "Named models with ordered fallbacks.",
            "Tool groups", "Groups of tools.",
            "Tool health", "Health of tools.",
            "Tool approvals", "Tool calls waiting for a person to approve or reject them.",
            "MCP gateway", "Model Context Protocol endpoints.",
            "MCP endpoints admin", "Configuration of MCP endpoints.",
            "Workflows", "Workflows (DAGs) and their runs.",
            "Long-running tasks", "Task templates and long-running task runs.",
            "Monitoring", "Tool-call logs and statistics.",
            "Safety", "Safety alerts and configuration.",
            "Quality", "Quality checks.",
            "Evals", "Datasets, eval runs and A/B tests.");

    /** Errors the gateway itself answers on any operation it routes. */
    private static final Map<String, String> GATEWAY_ERRORS = Map.of(
            "400",
            "validation_failed (a path or query parameter is not valid percent-encoded UTF-8 or holds NUL or control"
                    + " characters; errors name it) or malformed_request (the request line or headers cannot be"
                    + " parsed).",
            "414",
            "uri_too_long: the request line is longer than the gateway accepts.",
            "431",
            "headers_too_large: the request headers are larger than the gateway accepts.",
            "429",
            "rate_limited: too many requests for this caller; retry after Retry-After seconds.",
            "503",
            "upstream_unavailable (the service cannot be reached) or unavailable; retry later.",
            "504",
            "upstream_timeout: the service did not answer in time.");

    private final JsonMapper json;

    GatewayContract(JsonMapper json) {
        this.json = json;
    }

    /** Lays the gateway's contract over a merged document and returns it with its keys in a stable order. */
    ObjectNode apply(ObjectNode merged) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info")
                .put("title", "Stoa API")
                .put("version", "v1")
                .put(
                        "description",
                        "The Stoa platform through its gateway. JSON bodies are snake_case and unknown fields are "
                                + "refused; every error is application/problem+json with a stable code; every "
                                + "response carries X-Request-Id and X-RateLimit-Limit/-Remaining/-Reset. "
                                + InputRules.describeLimits());
        root.set("x-stoa-input-limits", inputLimits());
        // relative: the document describes the gateway that serves it, wherever it runs
        root.set("servers", json.createArrayNode().add(json.createObjectNode().put("url", "/")));
        root.set("tags", json.createArrayNode());
        root.set(
                "security",
                json.createArrayNode()
                        .add(json.createObjectNode().set(BEARER, json.createArrayNode()))
                        .add(json.createObjectNode().set(API_KEY, json.createArrayNode())));
        ObjectNode paths = root.putObject("paths");
        Map<String, JsonNode> sorted = new TreeMap<>();
        merged.path("paths").properties().forEach(p -> sorted.put(p.getKey(), p.getValue()));
        ownPaths().properties().forEach(p -> sorted.putIfAbsent(p.getKey(), p.getValue()));
        sorted.forEach(paths::set);
        ObjectNode components = root.putObject("components");
        merged.path("components").properties().forEach(c -> components.set(c.getKey(), c.getValue()));
        components.set("securitySchemes", securitySchemes());
        if (merged.has(OpenApiMerge.UNAVAILABLE)) {
            root.set(OpenApiMerge.UNAVAILABLE, merged.get(OpenApiMerge.UNAVAILABLE));
        }
        boolean problems = components.path("schemas").has("Problem");
        List<String> used = new ArrayList<>();
        paths.properties().forEach(p -> p.getValue().properties().forEach(o -> {
            if (METHODS.contains(o.getKey()) && o.getValue() instanceof ObjectNode operation) {
                completeOperation(operation, problems);
                operation.path("tags").forEach(t -> {
                    if (!used.contains(t.asString())) {
                        used.add(t.asString());
                    }
                });
            }
        }));
        ArrayNode tags = (ArrayNode) root.get("tags");
        TAGS.forEach((name, description) -> {
            if (used.remove(name)) {
                tags.addObject().put("name", name).put("description", description);
            }
        });
        used.stream().sorted().forEach(name -> tags.addObject().put("name", name));
        return root;
    }

    /** The document's default security unless the service made the operation public; the gateway's errors. */
    private void completeOperation(ObjectNode operation, boolean problems) {
        String id = operation.path("operationId").asString();
        if (OWN_OPERATIONS.contains(id)) {
            if (problems && !id.equals("getHealth")) { // health spends no rate-limit budget
                ((ObjectNode) operation.get("responses")).set("429", problem(GATEWAY_ERRORS.getOrDefault("429", "")));
            }
            return;
        }
        JsonNode security = operation.get("security");
        boolean isPublic = security != null && security.isArray() && security.isEmpty();
        if (!isPublic) {
            operation.remove("security"); // the services' scheme names give way to the gateway's
        }
        if (!problems) {
            return;
        }
        ObjectNode responses = operation.has("responses") && operation.get("responses") instanceof ObjectNode r
                ? r
                : operation.putObject("responses");
        Map<String, String> added = new LinkedHashMap<>(GATEWAY_ERRORS);
        if (!isPublic) {
            added.put("401", "Credentials are missing, invalid, expired or revoked.");
            added.put("403", "The role, or the API key's scopes, do not allow this (insufficient_scope).");
        }
        added.forEach((status, description) -> {
            if (!responses.has(status)) {
                responses.set(status, problem(description));
            }
        });
        Map<String, JsonNode> ordered = new TreeMap<>();
        responses.properties().forEach(r -> ordered.put(r.getKey(), r.getValue()));
        responses.removeAll();
        ordered.forEach(responses::set);
    }

    private ObjectNode problem(String description) {
        ObjectNode response = json.createObjectNode().put("description", description);
        response.putObject("content")
                .putObject("application/problem+json")
                .putObject("schema")
                .put("$ref", PROBLEM_REF);
        return response;
    }

    /** The input guard's global ceilings, machine-readable (docs/architecture.md, "Input guard"). */
    private ObjectNode inputLimits() {
        return json.createObjectNode()
                .put("max_depth", InputRules.MAX_DEPTH)
                .put("max_string_chars", InputRules.MAX_STRING_CHARS)
                .put("max_name_chars", InputRules.MAX_NAME_CHARS)
                .put("max_number_chars", InputRules.MAX_NUMBER_CHARS)
                .put("max_entries", InputRules.MAX_ELEMENTS);
    }

    private ObjectNode securitySchemes() {
        ObjectNode schemes = json.createObjectNode();
        schemes.putObject(BEARER)
                .put("type", "http")
                .put("scheme", "bearer")
                .put(
                        "description",
                        "A platform access token (from login or refresh), a Keycloak access token of the realm "
                                + "when Keycloak mode is on, or an API key (stoa_sk_...).");
        schemes.putObject(API_KEY)
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", "x-api-key")
                .put("description", "An API key (stoa_sk_...), as an alternative to the Authorization header.");
        return schemes;
    }

    /** The gateway's own paths: public, not routed to any service. */
    private ObjectNode ownPaths() {
        ObjectNode paths = json.createObjectNode();
        ObjectNode health = operation(paths, "/health", "Health", "getHealth", "Liveness check.");
        ObjectNode schema = ((ObjectNode) health.at("/responses/200"))
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("type", "object");
        schema.putObject("properties")
                .putObject("status")
                .put("type", "string")
                .set("enum", json.createArrayNode().add("ok"));
        schema.set("required", json.createArrayNode().add("status"));
        ObjectNode document =
                operation(paths, "/openapi.json", "API docs", "getOpenApiDocument", "This OpenAPI 3.1 document.");
        ((ObjectNode) document.at("/responses/200"))
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("type", "object");
        html(operation(paths, "/docs", "API docs", "getSwaggerUi", "The API reference in Swagger UI."));
        html(operation(paths, "/redoc", "API docs", "getRedoc", "The API reference in ReDoc."));
        return paths;
    }

    private ObjectNode operation(ObjectNode paths, String path, String tag, String id, String summary) {
        ObjectNode operation = paths.putObject(path).putObject("get");
        operation.set("tags", json.createArrayNode().add(tag));
        operation.put("summary", summary).put("operationId", id);
        operation.set("security", json.createArrayNode());
        operation.putObject("responses").putObject("200").put("description", "OK");
        return operation;
    }

    private static void html(ObjectNode operation) {
        ((ObjectNode) operation.at("/responses/200"))
                .putObject("content")
                .putObject("text/html")
                .putObject("schema")
                .put("type", "string");
    }

    private static Map<String, String> tags(String... nameAndDescription) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameAndDescription.length; i += 2) {
            out.put(nameAndDescription[i], nameAndDescription[i + 1]);
        }
        return out;
    }
}
