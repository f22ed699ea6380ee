package dev.stoa.web;

import dev.stoa.common.auth.Role;
import dev.stoa.test.JwksServer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestJwtIssuer;
import dev.stoa.web.testapp.WebTestApplication;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One running test service (real Tomcat, so body limits and container errors behave as in production) shared by
 * the REST tests, plus an issuer whose JWKS the service trusts.
 */
@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.autoconfigure.exclude="
                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration,"
                + "org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration")
public abstract class WebTestSupport {
    protected static final TestJwtIssuer ISSUER = new TestJwtIssuer();
    protected static final JwksServer JWKS = JwksServer.start(ISSUER);
    protected static final String ORG = "org_01jd0000000000000000000000";
    protected static final String USER_TOKEN = ISSUER.issue(Principals.user(ORG, "usr_1", Role.MEMBER));

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    protected int port;

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("stoa.security.jwks-uri", JWKS::jwksUri);
    }

    protected HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TestHttp.REQUEST_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    protected HttpResponse<String> get(String path, @Nullable String token) {
        return send(request(path, token).GET());
    }

    protected HttpResponse<String> postJson(String path, String json, @Nullable String token) {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Posts without Content-Length: the JDK client streams an unknown-length body chunked. */
    protected HttpResponse<String> postChunked(String path, String json, @Nullable String token) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
