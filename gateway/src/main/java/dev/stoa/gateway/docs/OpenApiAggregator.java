package dev.stoa.gateway.docs;

import dev.stoa.gateway.config.GatewayProperties;
import dev.stoa.gateway.routing.RouteTable;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code /openapi.json}: fetches each enabled upstream's document once (routes sharing an upstream share
 * the fetch), keeps the paths the gateway actually routes to that upstream, merges schemas and security schemes,
 * and lists unreachable upstreams in {@code x-stoa-unavailable}. The result is cached briefly.
 */
public class OpenApiAggregator {
    private static final Logger log = LoggerFactory.getLogger(OpenApiAggregator.class);

    private final RouteTable routes;
    private final WebClient http;
    private final JsonMapper json;
    private final GatewayProperties.Docs properties;
    private final Mono<byte[]> cached;

    public OpenApiAggregator(
            RouteTable routes, WebClient.Builder http, JsonMapper json, GatewayProperties.Docs properties) {
        this.routes = routes;
        this.http = http.build();
        this.json = json;
        this.properties = properties;
        this.cached = Mono.defer(this::build).cache(properties.openapiCacheTtl());
    }

    /** The merged document as JSON bytes. */
    public Mono<byte[]> document() {
        return cached;
    }

    private Mono<byte[]> build() {
        Map<URI, List<RouteTable.Entry>> upstreams = new LinkedHashMap<>();
        for (RouteTable.Entry entry : routes.entries()) {
            URI doc = entry.uri().resolve(entry.properties().openapi());
            upstreams.computeIfAbsent(doc, d -> new ArrayList<>()).add(entry);
        }
        return Flux.fromIterable(upstreams.entrySet())
                .flatMapSequential(e -> fetch(e.getKey())
                        .map(doc -> new Fetched(e.getValue(), Optional.of(doc)))
                        .defaultIfEmpty(new Fetched(e.getValue(), Optional.empty())))
                .collectList()
                .map(this::merge);
    }

    private Mono<JsonNode> fetch(URI document) {
        return http.get()
                .uri(document)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(byte[].class)
                .timeout(properties.openapiFetchTimeout())
                .map(json::readTree)
                .onErrorResume(e -> {
                    log.info("OpenAPI document {} unavailable: {}", document, e.toString());
                    return Mono.empty();
                });
    }

    private byte[] merge(List<Fetched> fetched) {
        ObjectNode root = json.createObjectNode();
        root.put("openapi", "3.1.0");
        root.putObject("info").put("title", "Stoa API").put("version", "v1");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        ArrayNode unavailable = json.createArrayNode();
        for (Fetched f : fetched) {
            if (f.document().isEmpty()) {
                f.routes().forEach(r -> unavailable.add(r.id()));
                continue;
            }
            JsonNode doc = f.document().get();
            List<String> ids = f.routes().stream().map(RouteTable.Entry::id).toList();
            doc.path("paths").properties().forEach(p -> {
                // the upstream may document paths another route owns (or none does); the gateway's table decides
                boolean ours = routes.resolve(p.getKey())
                        .map(r -> ids.contains(r.id()))
                        .orElse(false);
                if (ours && !paths.has(p.getKey())) {
                    paths.set(p.getKey(), p.getValue());
                }
            });
            copyAbsent(doc.path("components").path("schemas"), schemas);
            copyAbsent(doc.path("components").path("securitySchemes"), securitySchemes);
        }
        if (!unavailable.isEmpty()) {
            root.set("x-stoa-unavailable", unavailable);
        }
        return json.writeValueAsBytes(root);
    }

    private static void copyAbsent(JsonNode from, ObjectNode to) {
        from.properties().forEach(e -> {
            if (!to.has(e.getKey())) {
                to.set(e.getKey(), e.getValue());
            }
        });
    }

    private record Fetched(List<RouteTable.Entry> routes, Optional<JsonNode> document) {}
}
