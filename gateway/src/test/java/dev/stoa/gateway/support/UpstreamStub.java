package dev.stoa.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A service behind the gateway, speaking plain HTTP on 127.0.0.1: answers every path with
 * {@code {"route":"<name>","path":"<path>"}}, serves an OpenAPI document at {@code /v3/api-docs} when given one,
 * and remembers the headers of each request by path.
 */
public final class UpstreamStub implements AutoCloseable {
    private final String name;
    private final @Nullable String openApi;
    private final HttpServer server;
    private final Map<String, Map<String, List<String>>> headersByPath = new ConcurrentHashMap<>();

    private UpstreamStub(String name, @Nullable String openApi) throws IOException {
        this.name = name;
        this.openApi = openApi;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static UpstreamStub start(String name, @Nullable String openApi) {
        try {
            return new UpstreamStub(name, openApi);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Headers (names lower-cased) of the last request to {@code path}, or null if none arrived. */
    public @Nullable Map<String, List<String>> lastHeaders(String path) {
        return headersByPath.get(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
            headersByPath.put(path, headers);
            long bodyBytes;
            try (InputStream in = exchange.getRequestBody()) {
                bodyBytes = in.transferTo(OutputStream.nullOutputStream());
            }
            String body;
            int status = 200;
            if (path.equals("/v3/api-docs")) {
                body = openApi != null ? openApi : "{}";
                status = openApi != null ? 200 : 404;
            } else {
                body = "{\"route\":\"%s\",\"path\":\"%s\",\"body_bytes\":%d}".formatted(name, path, bodyBytes);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
