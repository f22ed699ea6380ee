package dev.stoa.gateway.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' OpenAPI documents into one valid OpenAPI 3.1 document: each upstream contributes the paths
 * the gateway routes to it; components are merged by name, and a schema whose name another service already uses for
 * a different shape is renamed after its route (with every reference to it), so no service's schema silently
 * replaces another's. The gateway's own contract (security, its paths and errors, tags) is laid over by
 * {@link GatewayContract}. Keys are sorted so the document is byte-for-byte stable.
 */
final class OpenApiMerge {
    /** Lists the routes whose upstream document could not be fetched. */
    static final String UNAVAILABLE = "x-stoa-unavailable";

    private static final String SCHEMA_REF = "#/components/schemas/";

    private final JsonMapper json;

    OpenApiMerge(JsonMapper json) {
        this.json = json;
    }

    /** One upstream document, or none when it could not be fetched, and the test of which paths it owns. */
    record Upstream(String routeId, Optional<JsonNode> document, Predicate<String> owns) {}

    ObjectNode merge(List<Upstream> upstreams) {
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, Map<String, JsonNode>> components = new TreeMap<>();
        ArrayNode unavailable = json.createArrayNode();
        for (Upstream upstream : upstreams) {
            if (upstream.document().isEmpty()) {
                unavailable.add(upstream.routeId());
                continue;
            }
            JsonNode doc = withUniqueSchemaNames(
                    upstream.routeId(), upstream.document().get(), components.getOrDefault("schemas", Map.of()));
            doc.path("paths").properties().forEach(p -> {
                if (upstream.owns().test(p.getKey())) {
                    paths.putIfAbsent(p.getKey(), p.getValue());
                }
            });
            doc.path("components").properties().forEach(kind -> {
                if (!kind.getKey().equals("securitySchemes")) { // the gateway's credentials replace the services'
                    Map<String, JsonNode> merged = components.computeIfAbsent(kind.getKey(), k -> new TreeMap<>());
                    kind.getValue().properties().forEach(c -> merged.putIfAbsent(c.getKey(), c.getValue()));
                }
            });
        }
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode pathsNode = root.putObject("paths");
        paths.forEach(pathsNode::set);
        ObjectNode componentsNode = root.putObject("components");
        components.forEach((kind, entries) -> {
            ObjectNode node = componentsNode.putObject(kind);
            entries.forEach(node::set);
        });
        if (!unavailable.isEmpty()) {
            root.set(UNAVAILABLE, unavailable);
        }
        return root;
    }

    /** The document with each schema whose name is taken by a different shape renamed, references included. */
    private JsonNode withUniqueSchemaNames(String routeId, JsonNode doc, Map<String, JsonNode> taken) {
        Map<String, String> renames = new LinkedHashMap<>();
        doc.path("components").path("schemas").properties().forEach(s -> {
            JsonNode existing = taken.get(s.getKey());
            if (existing != null && !existing.equals(s.getValue())) {
                String renamed = prefix(routeId) + s.getKey();
                for (int i = 2; taken.containsKey(renamed); i++) {
                    renamed = prefix(routeId) + s.getKey() + i;
                }
                renames.put(s.getKey(), renamed);
            }
        });
        if (renames.isEmpty()) {
            return doc;
        }
        JsonNode copy = doc.deepCopy();
        ObjectNode schemas = (ObjectNode) copy.path("components").path("schemas");
        Map<String, JsonNode> reordered = new LinkedHashMap<>();
        schemas.properties().forEach(s -> reordered.put(renames.getOrDefault(s.getKey(), s.getKey()), s.getValue()));
        schemas.removeAll();
        reordered.forEach(schemas::set);
        rewriteRefs(copy, renames);
        return copy;
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith(SCHEMA_REF)) {
                String name = ref.asString().substring(SCHEMA_REF.length());
                if (renames.containsKey(name)) {
                    object.set("$ref", StringNode.valueOf(SCHEMA_REF + renames.get(name)));
                }
            }
            List<JsonNode> children = new ArrayList<>();
            object.properties().forEach(e -> children.add(e.getValue()));
            children.forEach(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

    /** {@code tool-router} becomes {@code ToolRouter}. */
    private static String prefix(String routeId) {
        StringBuilder out = new StringBuilder();
        for (String part : routeId.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
