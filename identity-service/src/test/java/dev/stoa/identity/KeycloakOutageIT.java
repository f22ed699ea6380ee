package dev.stoa.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.StoaServiceTest;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * identity in Keycloak mode while Keycloak is away: it starts anyway, reports not-ready, and becomes ready by
 * itself once the realm answers again (here a stand-in serving the realm's discovery document on that port).
 */
@StoaServiceTest(
        service = "identity",
        classes = IdentityApplication.class,
        trustsTestIssuer = false,
        properties = {
            "stoa.identity.mode=keycloak",
            // these tests read no mail: the file mailbox keeps them from needing an SMTP server
            "stoa.identity.mail.delivery=file",
            "stoa.identity.mail.directory=target/keycloak-mail",
            "stoa.identity.keycloak.realm=stoa",
            "stoa.identity.keycloak.client-id=stoa-platform",
            "stoa.identity.keycloak.client-secret=unused-in-this-test",
            "stoa.identity.keycloak.timeout=1s"
        })
class KeycloakOutageIT {
    static final int KEYCLOAK_PORT = freePort();
    static HttpServer keycloak;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("stoa.identity.keycloak.base-url", () -> "http://127.0.0.1:" + KEYCLOAK_PORT);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop(0);
        }
    }

    @Test
    void startsNotReadyWithoutKeycloakAndRecoversWhenItReturns(TestHttp http) throws Exception {
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
