package dev.stoa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProblemMappingTest extends WebTestSupport {

    @Test
    void refusesMalformedJson() {
        HttpResponse<String> response = postJson("/things", "{\"display_name\": \"a\",", USER_TOKEN);

        assertProblem(response, 400, "malformed_json");
    }

    @Test
    void refusesStringWhereNumberExpectedNamingTheField() {
        HttpResponse<String> response = postJson("/things", "{\"display_name\":\"ok\",\"count\":\"3\"}", USER_TOKEN);

        assertProblem(response, 400, "validation_failed");
        assertThat(fields(response)).containsExactly("count");
    }

    @Test
    void refusesNumberWhereStringExpected() {
        HttpResponse<String> response = postJson("/things", "{\"display_name\":5,\"count\":1}", USER_TOKEN);

        assertThat(fields(response)).containsExactly("display_name");
    }

    @Test
    void refusesStringWhereBooleanExpected() {
        HttpResponse<String> response =
                postJson("/things", "{\"display_name\":\"ok\",\"count\":1,\"active\":\"true\"}", USER_TOKEN);

        assertThat(fields(response)).containsExactly("active");
    }

    @Test
    void namesWrongTypeInsideNestedList() {
        HttpResponse<String> response =
                postJson("/things", "{\"display_name\":\"ok\",\"count\":1,\"items\":[{\"label\":3}]}", USER_TOKEN);

        assertThat(fields(response)).containsExactly("items[0].label");
    }

    @Test
    void refusesUnknownFieldNamingIt() {
        HttpResponse<String> response =
                postJson("/things", "{\"display_name\":\"ok\",\"count\":1,\"colour\":\"red\"}", USER_TOKEN);

        assertProblem(response, 400, "validation_failed");
        assertThat(fields(response)).containsExactly("colour");
    }

    @Test
    void namesEveryInvalidFieldInSnakeCase() {
        HttpResponse<String> response =
                postJson("/things", "{\"count\":null,\"items\":[{\"label\":\"\"}]}", USER_TOKEN);

        assertProblem(response, 400, "validation_failed");
        assertThat(fields(response)).containsExactlyInAnyOrder("display_name", "count", "items[0].label");
    }

    @Test
    void refusesOverLongString() {
        HttpResponse<String> response =
                postJson("/things", "{\"display_name\":\"abcdefghijk\",\"count\":1}", USER_TOKEN);

        assertThat(fields(response)).containsExactly("display_name");
        assertThat(json(response).get("errors").get(0).get("message").asString())
                .contains("10");
    }

    @Test
    void refusesBodyOverLimitByContentLength() {
        HttpResponse<String> response = postJson("/things", oversizedBody(), USER_TOKEN);

        assertProblem(response, 413, "payload_too_large");
    }

    @Test
    void refusesChunkedBodyOverLimitWhileStreaming() {
        HttpResponse<String> response = postChunked("/things", oversizedBody(), USER_TOKEN);

        assertProblem(response, 413, "payload_too_large");
    }

    @Test
    void acceptsChunkedBodyUnderLimit() {
        HttpResponse<String> response = postChunked("/things", "{\"display_name\":\"ok\",\"count\":1}", USER_TOKEN);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/things/thg_1");
    }

    @Test
    void answersUnknownPathWithNotFound() {
        assertProblem(get("/no/such/path", USER_TOKEN), 404, "not_found");
    }

    @Test
    void answersWrongMethodWith405AndAllow() {
        HttpResponse<String> response = send(request("/things", USER_TOKEN).DELETE());

        assertProblem(response, 405, "method_not_allowed");
        assertThat(response.headers().firstValue("Allow").orElseThrow()).contains("GET", "POST");
    }

    @Test
    void answersUnsupportedMediaTypeWith415() {
        HttpResponse<String> response = send(request("/things", USER_TOKEN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));

        assertProblem(response, 415, "unsupported_media_type");
    }

    @Test
    void namesMissingQueryParameter() {
        HttpResponse<String> response = get("/search", USER_TOKEN);

        assertProblem(response, 400, "validation_failed");
        assertThat(fields(response)).containsExactly("q");
    }

    @Test
    void namesQueryParameterFailingConstraint() {
        HttpResponse<String> response = get("/search?q=toolong", USER_TOKEN);

        assertProblem(response, 400, "validation_failed");
        assertThat(fields(response)).containsExactly("q");
    }

    @Test
    void namesPathVariableOfWrongType() {
        HttpResponse<String> response = get("/things/abc", USER_TOKEN);

        assertProblem(response, 400, "validation_failed");
        assertThat(fields(response)).containsExactly("number");
    }

    @Test
    void mapsDomainExceptionByKind() {
        HttpResponse<String> response = get("/things/42", USER_TOKEN);

        assertProblem(response, 404, "not_found");
        assertThat(json(response).get("detail").asString()).isEqualTo("thing 42 not found");
        assertThat(json(response).get("retryable").asBoolean()).isFalse();
    }

    @Test
    void mapsInvalidPaginationLimit() {
        HttpResponse<String> response = get("/things?limit=0", USER_TOKEN);

        assertThat(fields(response)).containsExactly("limit");
    }

    @Test
    void answersPermissionDeniedForInsufficientRole() {
        assertProblem(postJson("/admin-only", "{}", USER_TOKEN), 403, "insufficient_role");
    }

    @Test
    void hidesUnexpectedExceptionBehindGenericInternalError() {
        HttpResponse<String> response = get("/boom", USER_TOKEN);

        assertProblem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("SELECT", "sk-live", "IllegalStateException", "at dev.");
    }

    @Test
    void answersFailureOutsideControllersAsProblem() {
        HttpResponse<String> response = get("/filter-failure", USER_TOKEN);

        assertProblem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("hunter2");
        assertThat(json(response).get("instance").asString()).isEqualTo("/filter-failure");
    }

    @Test
    void echoesValidRequestIdInHeaderAndProblem() {
        HttpResponse<String> response = send(request("/things/42", USER_TOKEN).header("X-Request-Id", "abc-123.X_y"));

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc-123.X_y");
        assertThat(json(response).get("request_id").asString()).isEqualTo("abc-123.X_y");
    }

    @Test
    void replacesUnsafeRequestId() {
        HttpResponse<String> response = send(request("/things/42", USER_TOKEN).header("X-Request-Id", "a\"b<script>"));

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).startsWith("req_");
        assertThat(json(response).get("request_id").asString()).isEqualTo(id);
    }

    private static String oversizedBody() {
        return "{\"display_name\":\"" + "x".repeat(2000) + "\",\"count\":1}";
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asString()).isEqualTo("https://stoa.dev/problems/" + code);
        assertThat(body.get("request_id").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(body.has("title")).isTrue();
        assertThat(body.has("detail")).isTrue();
    }

    private static List<String> fields(HttpResponse<String> response) {
        JsonNode errors = json(response).get("errors");
        assertThat(errors).as(response.body()).isNotNull();
        return errors.valueStream().map(e -> e.get("field").asString()).toList();
    }
}
