package dev.stoa.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientIpResolverTest {
    private final ClientIpResolver resolver = new ClientIpResolver(List.of("10.0.0.0/8", "192.168.1.7"));

    @Test
    void ignoresForwardedForFromAnUntrustedPeer() {
        assertThat(resolver.clientIp(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
    }

    @Test
    void believesTrustedProxiesAndSkipsThemFromTheRight() {
        assertThat(resolver.clientIp(request("10.1.2.3", "198.51.100.1, 192.168.1.7")))
                .isEqualTo("198.51.100.1");
        assertThat(resolver.clientIp(request("192.168.1.7", "6.6.6.6, 198.51.100.2")))
                .isEqualTo("198.51.100.2");
    }

    @Test
    void fallsBackToThePeerWhenForwardedForIsMissingOrGarbage() {
        assertThat(resolver.clientIp(request("10.1.2.3", null))).isEqualTo("10.1.2.3");
        assertThat(resolver.clientIp(request("10.1.2.3", "not-an-ip"))).isEqualTo("10.1.2.3");
    }

    private static MockServerHttpRequest request(String peer, @org.jspecify.annotations.Nullable String forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> builder =
                MockServerHttpRequest.get("/x").remoteAddress(new InetSocketAddress(peer, 40000));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return builder.build();
    }
}
