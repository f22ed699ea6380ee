package dev.stoa.gateway.ratelimit;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's IP: the socket peer, unless the peer is a trusted proxy, in which case the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries further left are client-controlled).
 */
public final class ClientIpResolver {
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<Cidr> trusted;

    public ClientIpResolver(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(Cidr::parse).toList();
    }

    public String clientIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return remote == null ? "unknown" : remote.getHostString();
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.getHeaders().getOrEmpty(FORWARDED_FOR)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            if (!isTrusted(hop)) {
                return hop.getHostAddress();
            }
        }
        return peer.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    private static @Nullable InetAddress literal(String value) {
        try {
            return InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An address block such as {@code 10.0.0.0/8}, or one address. */
    private record Cidr(BigInteger network, int prefix, int bits) {
        static Cidr parse(String spec) {
            String[] parts = spec.trim().split("/", 2);
            InetAddress address = InetAddress.ofLiteral(parts[0]);
            int bits = address.getAddress().length * 8;
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in " + spec);
            }
            return new Cidr(masked(address, prefix, bits), prefix, bits);
        }

        boolean contains(InetAddress address) {
            return address.getAddress().length * 8 == bits
                    && masked(address, prefix, bits).equals(network);
        }

        private static BigInteger masked(InetAddress address, int prefix, int bits) {
            BigInteger value = new BigInteger(1, address.getAddress());
            return value.shiftRight(bits - prefix);
        }
    }
}
