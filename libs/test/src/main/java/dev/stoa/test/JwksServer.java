package dev.stoa.test;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Serves {@code GET /jwks.json} with the public keys of one or more {@link TestJwtIssuer}s on 127.0.0.1. */
public final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final byte[] body;
    private final AtomicInteger requests = new AtomicInteger();

    private JwksServer(HttpServer server, byte[] body) {
        this.server = server;
        this.body = body;
    }

    /** Starts a server on a random port. */
    public static JwksServer start(TestJwtIssuer... issuers) {
        List<JWK> keys = Arrays.stream(issuers)
                .map(TestJwtIssuer::publicJwk)
                .map(JWK.class::cast)
                .toList();
        byte[] body = new JWKSet(keys).toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            JwksServer jwks = new JwksServer(http, body);
            http.createContext("/jwks.json", jwks::handle);
            http.start();
            return jwks;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start JWKS server", e);
        }
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    /** How many times the JWKS was fetched (to test caching). */
    public int requestCount() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
