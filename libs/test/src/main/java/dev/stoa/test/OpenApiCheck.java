package dev.stoa.test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Holds every exchange of a {@link TestHttp} to an OpenAPI document, with Atlassian's OpenAPI request validator
 * (OpenAPI 3.1, JSON Schema 2020-12): each response must be one the document describes for its request (status,
 * media type, body schema, with no undocumented properties); a request the document does not allow (an unknown
 * path or field, a wrong type, missing credentials) must be refused with a 4xx problem, since a test may send it on
 * purpose but the API must never accept it. Any mismatch fails the test with the validator's messages.
 *
 * <p>Needs {@code com.atlassian.oai:openapi-request-validator-core} on the test class path (an optional dependency
 * of this library: add it where the check is used).
 */
public final class OpenApiCheck implements TestHttp.ExchangeCheck {
    private static final Set<String> UNDOCUMENTED =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private final OpenApiInteractionValidator validator;
    private final List<String> problemFields;

    private OpenApiCheck(String document) {
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .build();
        List<String> required = new ArrayList<>();
        TestHttp.JSON
                .readTree(document)
                .at("/components/schemas/Problem/required")
                .forEach(f -> required.add(f.asString()));
        this.problemFields = List.copyOf(required);
    }

    /** A check against this document (JSON or YAML text). */
    public static OpenApiCheck of(String document) {
        return new OpenApiCheck(document);
    }

    /** A check against the document the API serves at {@code base + path} (e.g. the gateway's /openapi.json). */
    public static OpenApiCheck fetch(String base, String path) {
        TestHttp.Response response = new TestHttp(base).get(path, null);
        if (response.status() != 200) {
            throw new IllegalStateException(base + path + " answered " + response.status());
        }
        return of(response.body());
    }

    @Override
    public void verify(TestHttp.Exchange exchange) {
        Request request = request(exchange);
        HttpResponse<String> response = exchange.response();
        String where = exchange.method() + " " + exchange.path() + " -> " + response.statusCode();
        ValidationReport requestReport = validator.validateRequest(request);
        List<ValidationReport.Message> requestErrors = errors(requestReport);
        boolean refused = response.statusCode() >= 400 && response.statusCode() < 500;
        if (!requestErrors.isEmpty() && !refused) {
            throw new AssertionError(where + ": the API accepted a request its OpenAPI document does not allow:\n"
                    + describe(requestErrors));
        }
        if (requestErrors.stream().anyMatch(m -> UNDOCUMENTED.contains(m.getKey()))) {
            verifyProblem(where, response); // no operation to hold the response to: it must be the shared problem
            return;
        }
        ValidationReport responseReport =
                validator.validateResponse(request.getPath(), request.getMethod(), response(response));
        List<ValidationReport.Message> responseErrors = errors(responseReport);
        if (!responseErrors.isEmpty()) {
            throw new AssertionError(where + ": the response breaks the OpenAPI document:\n" + describe(responseErrors)
                    + "\nbody: " + abbreviate(response.body()));
        }
    }

    private void verifyProblem(String where, HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() < 400 || !type.startsWith("application/problem+json")) {
            throw new AssertionError(where + ": a path or method outside the document must be refused with a problem");
        }
        JsonNode body = TestHttp.JSON.readTree(response.body());
        List<String> missing = problemFields.stream().filter(f -> !body.has(f)).toList();
        if (!missing.isEmpty()) {
            throw new AssertionError(where + ": the problem lacks " + missing + ": " + abbreviate(response.body()));
        }
    }

    private static Request request(TestHttp.Exchange exchange) {
        String path = exchange.path();
        String query = "";
        int mark = path.indexOf('?');
        if (mark >= 0) {
            query = path.substring(mark + 1);
            path = path.substring(0, mark);
        }
        SimpleRequest.Builder builder = new SimpleRequest.Builder(exchange.method(), path);
        exchange.requestHeaders().forEach(builder::withHeader);
        queryParameters(query).forEach(builder::withQueryParam);
        if (exchange.requestBody() != null) {
            builder.withBody(exchange.requestBody());
        }
        return builder.build();
    }

    private static SimpleResponse response(HttpResponse<String> response) {
        SimpleResponse.Builder builder = new SimpleResponse.Builder(response.statusCode());
        response.headers().map().forEach(builder::withHeader);
        if (!response.body().isEmpty()) {
            builder.withBody(response.body());
        }
        return builder.build();
    }

    private static Map<String, List<String>> queryParameters(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static List<ValidationReport.Message> errors(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .toList();
    }

    private static String describe(List<ValidationReport.Message> messages) {
        return messages.stream()
                .map(m -> "  [" + m.getKey() + "] " + m.getMessage()
                        + m.getNestedMessages().stream()
                                .map(n -> "\n    " + n.getMessage())
                                .collect(Collectors.joining()))
                .collect(Collectors.joining("\n"));
    }

    private static String abbreviate(String body) {
        String flat = body.replace('\n', ' ');
        return flat.length() > 600 ? flat.substring(0, 600) + "..." : flat;
    }
}
