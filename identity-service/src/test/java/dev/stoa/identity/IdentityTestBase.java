package dev.stoa.identity;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts identity-service once per test JVM (every IT shares this configuration, so Spring caches one context)
 * against an embedded PostgreSQL and an in-JVM Kafka broker; gRPC is served in-process.
 */
@SpringBootTest(
        classes = IdentityApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=identity",
            "spring.grpc.server.port=0",
            "spring.grpc.server.inprocess.name=" + IdentityTestBase.GRPC_NAME,
            "stoa.identity.service-clients.gateway=" + IdentityTestBase.SERVICE_SECRET,
            "stoa.secrets.keys.v1=" + IdentityTestBase.SECRET_KEY,
            "stoa.secrets.active-version=v1",
            "stoa.identity.login.max-failures=3",
            "stoa.web.max-body-bytes=65536"
        })
public abstract class IdentityTestBase {
    static final String GRPC_NAME = "identity-it";
    static final String SERVICE_SECRET = "test-gateway-secret-0123456789";
    static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        StoaPostgres.database("identity").springProperties().forEach((k, v) -> registry.add(k, () -> v));
        StoaKafka.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    protected Api api() {
        return new Api("http://127.0.0.1:" + port);
    }

    /** Registers a fresh user + org and returns its session. */
    protected Api.Session register() {
        return api().registerFresh();
    }
}
