package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.TestHttp;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * identity in Keycloak mode while Keycloak is away: it starts anyway, reports not-ready, and becomes ready by
 * itself once the realm answers again (here a stand-in serving the realm's discovery document on that port).
 */
@SpringBootTest(
        classes = IdentityApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.name=identity",
            "spring.grpc.server.port=0",
            "stoa.identity.mode=keycloak",
            "stoa.identity.keycloak.realm=stoa",
            "stoa.identity.keycloak.client-id=stoa-platform",
            "stoa.identity.keycloak.client-secret=unused-in-this-test",
            "stoa.identity.keycloak.timeout=1s",
            "stoa.secrets.keys.v1=" + IdentityTestBase.SECRET_KEY,
            "stoa.secrets.active-version=v1"
        })
class KeycloakOutageIT {
    static final int KEYCLOAK_PORT = freePort();
    static HttpServer keycloak;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        StoaPostgres.database("identity").springProperties().forEach((k, v) -> registry.add(k, () -> v));
        StoaKafka.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("stoa.identity.keycloak.base-url", () -> "http://127.0.0.1:" + KEYCLOAK_PORT);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop(0);
        }
    }

    @Test
    void startsNotReadyWithoutKeycloakAndRecoversWhenItReturns() throws Exception {
        TestHttp http = new TestHttp("http://127.0.0.1:" + port);
        assertThat(http.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", null).status()).isEqualTo(503);

        keycloak = HttpServer.create(new InetSocketAddress("127.0.0.1", KEYCLOAK_PORT), 0);
        keycloak.createContext("/realms/stoa/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"http://127.0.0.1:" + KEYCLOAK_PORT + "/realms/stoa\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keycloak.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        http.get("/actuator/health/readiness", null).status())
                .isEqualTo(200));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
