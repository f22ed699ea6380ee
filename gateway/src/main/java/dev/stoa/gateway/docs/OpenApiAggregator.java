package dev.stoa.gateway.docs;

import dev.stoa.gateway.config.GatewayProperties;
import dev.stoa.gateway.routing.RouteTable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code /openapi.json}: fetches each enabled upstream's document once (routes sharing an upstream share
 * the fetch), keeps the paths the gateway actually routes to that upstream ({@link OpenApiMerge}), lays the
 * gateway's own contract over them ({@link GatewayContract}), and lists unreachable upstreams in
 * {@code x-stoa-unavailable}. A complete result is cached briefly; one missing an upstream only for a second, so a
 * service that was starting or restarting shows up as soon as it answers.
 */
public final class OpenApiAggregator {
    private static final Logger log = LoggerFactory.getLogger(OpenApiAggregator.class);
    private static final Duration INCOMPLETE_TTL = Duration.ofSeconds(1);

    private final RouteTable routes;
    private final WebClient http;
    private final JsonMapper json;
    private final GatewayProperties.Docs properties;
    private final Mono<Built> cached;

    public OpenApiAggregator(
            RouteTable routes, WebClient.Builder http, JsonMapper json, GatewayProperties.Docs properties) {
        this.routes = routes;
        this.http = http.build();
        this.json = json;
        this.properties = properties;
        this.cached = Mono.defer(this::build)
                .cache(
                        built -> built.complete() ? properties.openapiCacheTtl() : INCOMPLETE_TTL,
                        error -> Duration.ZERO,
                        () -> Duration.ZERO);
    }

    /** The merged document as JSON bytes. */
    public Mono<byte[]> document() {
        return cached.map(Built::json);
    }

    private Mono<Built> build() {
        Map<URI, List<RouteTable.Entry>> upstreams = new LinkedHashMap<>();
        for (RouteTable.Entry entry : routes.entries()) {
            URI doc = entry.uri().resolve(entry.properties().openapi());
            upstreams.computeIfAbsent(doc, d -> new ArrayList<>()).add(entry);
        }
        return Flux.fromIterable(upstreams.entrySet())
                .flatMapSequential(e -> fetch(e.getKey())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMapMany(doc -> Flux.fromIterable(e.getValue())
                                .map(route -> new OpenApiMerge.Upstream(route.id(), doc, owner(route)))))
                .collectList()
                .map(fetched -> {
                    ObjectNode document = new GatewayContract(json).apply(new OpenApiMerge(json).merge(fetched));
                    return new Built(json.writeValueAsBytes(document), !document.has(OpenApiMerge.UNAVAILABLE));
                });
    }

    /** The upstream may document paths another route owns (or none does); the gateway's table decides. */
    private Predicate<String> owner(RouteTable.Entry route) {
        return path -> routes.resolve(path).map(r -> r.id().equals(route.id())).orElse(false);
    }

    private record Built(byte[] json, boolean complete) {}

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
}
