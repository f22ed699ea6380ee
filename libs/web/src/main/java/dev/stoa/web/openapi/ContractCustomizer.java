package dev.stoa.web.openapi;

import dev.stoa.common.auth.PublicEndpoints;
import dev.stoa.common.error.Problem;
import dev.stoa.web.idempotency.IdempotencyFilter;
import dev.stoa.web.idempotency.IdempotencyStore;
import dev.stoa.web.security.StoaSecurityProperties;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Completes each service's document with what the library, not the controller, decides: which operations need a
 * token (the security configuration's public paths do not), JSON as the response media type, the shared
 * {@link Problem} schema for every error response, the errors the conventions can cause (validation, missing or
 * refused credentials, unknown resources, body limits, Idempotency-Key reuse, failures), and the
 * {@code Idempotency-Key} header where it is honoured.
 */
final class ContractCustomizer implements GlobalOpenApiCustomizer {
    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";

    /** What each status means when the conventions cause it; a controller's own description wins. */
    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry(
                    "400", "The request is invalid (validation_failed names each field) or not JSON (malformed_json)."),
            Map.entry("401", "Credentials are missing, invalid, expired or revoked."),
            Map.entry("403", "The role, or the API key's scopes, do not allow this."),
            Map.entry("404", "No such resource in the caller's org (another org's resources answer the same)."),
            Map.entry("409", "Conflicts with the current state, or the same Idempotency-Key is still in flight."),
            Map.entry("413", "The body is larger than the service accepts."),
            Map.entry("415", "The body is not application/json."),
            Map.entry("422", "Well-formed but refused by a rule, or an Idempotency-Key reused for another request."),
            Map.entry("429", "Too many requests; retry later."),
            Map.entry("500", "An unexpected failure; quote the request_id when reporting it."),
            Map.entry("503", "The service or a dependency is unavailable; retry later."));

    private final ObjectProvider<StoaSecurityProperties> security;
    private final ObjectProvider<IdempotencyStore> idempotency;

    ContractCustomizer(ObjectProvider<StoaSecurityProperties> security, ObjectProvider<IdempotencyStore> idempotency) {
        this.security = security;
        this.idempotency = idempotency;
    }

    @Override
    public void customise(OpenAPI openApi) {
        addProblemSchema(openApi);
        List<PublicPath> open = publicPaths();
        boolean idempotent = idempotency.getIfAvailable() != null;
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            PathContainer container = PathContainer.parsePath(path);
            item.readOperationsMap().forEach((method, operation) -> {
                boolean isPublic = open.stream().anyMatch(p -> p.matches(method.name(), container));
                if (isPublic) {
                    operation.setSecurity(List.of());
                }
                boolean secured = !isPublic;
                if (idempotent && secured && method == PathItem.HttpMethod.POST) {
                    addIdempotencyKey(operation);
                }
                complete(operation, path, secured, idempotent && secured && method == PathItem.HttpMethod.POST);
            });
        });
    }

    private void complete(Operation operation, String path, boolean secured, boolean idempotent) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasInput = hasBody
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
        List<String> statuses = new ArrayList<>();
        if (hasInput) {
            statuses.add("400");
        }
        if (secured) {
            statuses.addAll(List.of("401", "403"));
        }
        if (path.contains("{")) {
            statuses.add("404");
        }
        if (idempotent) {
            statuses.addAll(List.of("409", "422"));
        }
        if (hasBody) {
            statuses.addAll(List.of("413", "415"));
        }
        statuses.addAll(List.of("500", "503"));
        for (String status : statuses) {
            responses.computeIfAbsent(status, s -> new ApiResponse());
        }
        Map<String, ApiResponse> ordered = new TreeMap<>(responses);
        responses.clear();
        ordered.forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                if (response.getDescription() == null
                        || response.getDescription().isBlank()) {
                    response.setDescription(MEANINGS.getOrDefault(status, "The request failed."));
                }
                response.setContent(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problemRef())));
            } else if (response.getContent() != null && response.getContent().containsKey("*/*")) {
                Map<String, MediaType> content = new LinkedHashMap<>(response.getContent());
                MediaType json = content.remove("*/*");
                Content replaced = new Content();
                replaced.addMediaType(JSON, json);
                content.forEach(replaced::addMediaType);
                response.setContent(replaced);
            }
            responses.addApiResponse(status, response);
        });
        operation.setResponses(responses);
    }

    private static void addIdempotencyKey(Operation operation) {
        boolean present = operation.getParameters() != null
                && operation.getParameters().stream()
                        .anyMatch(p -> IdempotencyFilter.HEADER.equalsIgnoreCase(p.getName()));
        if (present) {
            return;
        }
        operation.addParametersItem(new Parameter()
                .in("header")
                .name(IdempotencyFilter.HEADER)
                .required(false)
                .description("Makes the request safe to retry: the same key and request replay the first response "
                        + "(Idempotent-Replayed: true); the key reused for another request is 422, and while the "
                        + "first still runs 409.")
                .schema(new JsonSchema()
                        .typesItem("string")
                        .minLength(1)
                        .maxLength(255)
                        .pattern("^[\\x20-\\x7E]+$")));
    }

    private List<PublicPath> publicPaths() {
        List<String> paths = new ArrayList<>(StoaSecurityProperties.ALWAYS_PUBLIC);
        StoaSecurityProperties properties = security.getIfAvailable();
        if (properties != null) {
            paths.addAll(properties.publicPaths());
        }
        return paths.stream()
                .map(entry -> new PublicPath(
                        PublicEndpoints.method(entry),
                        PathPatternParser.defaultInstance.parse(PublicEndpoints.path(entry))))
                .toList();
    }

    /** A public path, open for one method or (null) for all. */
    private record PublicPath(@Nullable String method, PathPattern pattern) {
        boolean matches(String requestMethod, PathContainer path) {
            return (method == null || method.equalsIgnoreCase(requestMethod)) && pattern.matches(path);
        }
    }

    private static void addProblemSchema(OpenAPI openApi) {
        ResolvedSchema resolved = ModelConverters.getInstance(true)
                .resolveAsResolvedSchema(new AnnotatedType(Problem.class).resolveAsRef(false));
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        resolved.referencedSchemas.forEach(components::addSchemas);
        components.addSchemas(PROBLEM, resolved.schema.description("An RFC 9457 problem: every error of the API."));
        openApi.setComponents(components);
    }

    private static JsonSchema problemRef() {
        JsonSchema ref = new JsonSchema();
        ref.set$ref("#/components/schemas/" + PROBLEM);
        return ref;
    }
}
