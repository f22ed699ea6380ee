package dev.stoa.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exchanges held to an OpenAPI document: what passes and what fails, against a real HTTP server. */
class OpenApiCheckTest {
    private static final String PROBLEM = "{\"type\":\"t\",\"status\":404,\"code\":\"not_found\"}";
    private static final String DOCUMENT = """
            {"openapi":"3.1.0","info":{"title":"t","version":"1"},"servers":[{"url":"/"}],
             "paths":{
               "/things":{"post":{"operationId":"createThing",
                 "requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object",
                   "properties":{"name":{"type":"string","minLength":1}},"required":["name"]}}}},
                 "responses":{
                   "201":{"description":"Created","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}},
                   "400":{"description":"Bad","content":{"application/problem+json":{"schema":{"$ref":"#/components/schemas/Problem"}}}}}}},
               "/things/{thing_id}":{"get":{"operationId":"getThing",
                 "parameters":[{"name":"thing_id","in":"path","required":true,"schema":{"type":"string"}}],
                 "responses":{
                   "200":{"description":"OK","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Thing"}}}}}}}},
             "components":{"schemas":{
               "Thing":{"type":"object","properties":{"id":{"type":"string"},"name":{"type":["string","null"]}},"required":["id"]},
               "Problem":{"type":"object","properties":{"type":{"type":"string"},"status":{"type":"integer"},
                 "code":{"type":"string"}},"required":["type","status","code"]}}}}
            """;
    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static HttpServer server;
    private static TestHttp http;

    record Answer(int status, String type, String body) {}

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Answer answer = ANSWERS.getOrDefault(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new Answer(404, "application/problem+json", PROBLEM));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.type());
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        http = new TestHttp("http://127.0.0.1:" + server.getAddress().getPort(), OpenApiCheck.of(DOCUMENT));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void passesAnExchangeTheDocumentDescribes() {
        ANSWERS.put("POST /things", new Answer(201, "application/json", "{\"id\":\"t1\",\"name\":\"a\"}"));

        assertThat(http.post("/things", null, Map.of("name", "a")).status()).isEqualTo(201);
    }

    @Test
    void failsOnAResponsePropertyTheDocumentDoesNotName() {
        ANSWERS.put("GET /things/t2", new Answer(200, "application/json", "{\"id\":\"t2\",\"displayName\":\"a\"}"));

        assertThatThrownBy(() -> http.get("/things/t2", null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the response breaks the OpenAPI document")
                .hasMessageContaining("displayName");
    }

    @Test
    void failsOnAStatusTheOperationDoesNotDocument() {
        ANSWERS.put("GET /things/t3", new Answer(409, "application/problem+json", PROBLEM));

        assertThatThrownBy(() -> http.get("/things/t3", null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("validation.response.status.unknown");
    }

    @Test
    void failsWhenTheApiAcceptsARequestTheDocumentRefuses() {
        ANSWERS.put("POST /things", new Answer(201, "application/json", "{\"id\":\"t4\"}"));

        assertThatThrownBy(() -> http.post("/things", null, Map.of("title", "no name")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("accepted a request its OpenAPI document does not allow");
    }

    @Test
    void passesARefusedInvalidRequestWhoseProblemIsDocumented() {
        ANSWERS.put(
                "POST /things",
                new Answer(400, "application/problem+json", "{\"type\":\"t\",\"status\":400,\"code\":\"v\"}"));

        assertThat(http.post("/things", null, Map.of("title", "no name")).status())
                .isEqualTo(400);
    }

    @Test
    void holdsUndocumentedPathsToTheSharedProblem() {
        assertThat(http.get("/elsewhere", null).status()).isEqualTo(404);

        ANSWERS.put("GET /open", new Answer(200, "application/json", "{}"));
        assertThatThrownBy(() -> http.get("/open", null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not allow");
        ANSWERS.put("GET /bare", new Answer(404, "application/problem+json", "{\"status\":404}"));
        assertThatThrownBy(() -> http.get("/bare", null))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the problem lacks [type, code]");
    }
}
