package dev.stoa.providers;

import dev.stoa.common.net.OutboundPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.net.SocketFactory;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * HTTP clients for calls made on a tenant's behalf (providers now; webhooks and MCP servers can reuse it): no
 * redirects followed, no proxy, and every address vetted by the {@link OutboundPolicy} twice: when the name is
 * resolved (so a refused address is never tried) and when the socket connects (the address actually used, IP
 * literals included), so a name that resolves to a public address at registration and to an internal one later (DNS
 * rebinding) reaches nothing.
 */
public final class VettedHttp {
    private VettedHttp() {}

    /** A client with the system resolver. */
    public static OkHttpClient client(OutboundPolicy policy, Timeouts timeouts) {
        return client(policy, Dns.SYSTEM, timeouts);
    }

    /** A client with the given resolver (tests use one whose answer changes). */
    public static OkHttpClient client(OutboundPolicy policy, Dns resolver, Timeouts timeouts) {
        return new OkHttpClient.Builder()
                .dns(host -> vetted(policy, host, resolver.lookup(host)))
                .socketFactory(new VettingSocketFactory(policy))
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.write())
                .callTimeout(timeouts.call())
                .build();
    }

    /** A refused address: an I/O failure of the call (the provider layer reports it as unreachable). */
    public static final class RefusedAddressException extends SocketException {
        RefusedAddressException(String message) {
            super(message);
        }
    }

    /** Connect, read (silence between bytes), write and whole-call timeouts. */
    public record Timeouts(Duration connect, Duration read, Duration write, Duration call) {}

    private static List<InetAddress> vetted(OutboundPolicy policy, String host, List<InetAddress> addresses)
            throws UnknownHostException {
        for (InetAddress address : addresses) {
            String why = policy.refusal(address);
            if (why != null) {
                // every address or none: a name that also resolves to an internal address is not trusted
                throw new UnknownHostException(host + " refused by the outbound policy: " + why);
            }
        }
        return addresses;
    }

    /** Sockets that check the address they are asked to connect to, whoever resolved it. */
    private static final class VettingSocketFactory extends SocketFactory {
        private final OutboundPolicy policy;

        VettingSocketFactory(OutboundPolicy policy) {
            this.policy = policy;
        }

        @Override
        public Socket createSocket() {
            return new VettingSocket(policy);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return connected(new InetSocketAddress(address, port));
        }

        private Socket connected(InetSocketAddress address) throws IOException {
            Socket socket = createSocket();
            socket.connect(address);
            return socket;
        }
    }

    private static final class VettingSocket extends Socket {
        private final OutboundPolicy policy;

        VettingSocket(OutboundPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
                throw new RefusedAddressException("only resolved addresses are connected to");
            }
            String why = policy.refusal(inet.getAddress());
            if (why != null) {
                close();
                throw new RefusedAddressException("refused by the outbound policy: " + why);
            }
            super.connect(endpoint, timeout);
        }
    }
}
