package dev.stoa.monitoring.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.monitoring.domain.port.WebhookSender;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The delivery-time half of the URL policy: an address the policy refuses is never connected to. */
class OkHttpWebhookSenderTest {

    @Test
    void refusesALoopbackReceiverUnderThePublicOnlyPolicyAndReachesItWhenAllowed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger hits = new AtomicInteger();
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://localhost:" + server.getAddress().getPort() + "/hook";
            WebhookSender.Outcome refused = new OkHttpWebhookSender(OutboundPolicy.PUBLIC_ONLY, Duration.ofSeconds(2))
                    .post(url, Map.of("Stoa-Webhook-Id", "evt_1"), "{}");
            assertThat(refused.success()).isFalse();
            assertThat(refused.statusCode()).isZero();
            assertThat(refused.error()).contains("outbound policy");
            assertThat(hits).hasValue(0);

            WebhookSender.Outcome sent = new OkHttpWebhookSender(OutboundPolicy.LOOPBACK, Duration.ofSeconds(2))
                    .post(url, Map.of("Stoa-Webhook-Id", "evt_1"), "{}");
            assertThat(sent.success()).isTrue();
            assertThat(sent.statusCode()).isEqualTo(204);
            assertThat(hits).hasValue(1);
        } finally {
            server.stop(0);
        }
    }
}
