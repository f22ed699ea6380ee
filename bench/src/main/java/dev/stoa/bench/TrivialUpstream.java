package dev.stoa.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The upstream every scenario ends at: {@code GET} anything answers a small JSON document, {@code POST
 * /v1/chat/completions} answers a fixed non-streaming OpenAI chat completion. No work, so what is measured is the
 * path in front of it.
 */
public final class TrivialUpstream implements AutoCloseable {
    private static final byte[] GET_BODY =
            "{\"ok\":true,\"service\":\"bench-upstream\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CHAT_BODY =
            ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
                            + "\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            + "\"content\":\"pong\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}")
                    .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private TrivialUpstream(HttpServer server) {
        this.server = server;
    }

    public static TrivialUpstream start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", TrivialUpstream::handle);
        server.start();
        return new TrivialUpstream(server);
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            boolean chat = "POST".equals(exchange.getRequestMethod())
                    && exchange.getRequestURI().getPath().endsWith("/chat/completions");
            byte[] body = chat ? CHAT_BODY : GET_BODY;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9999;
        TrivialUpstream upstream = start(port);
        System.out.println("bench upstream on 127.0.0.1:" + upstream.port());
        Thread.currentThread().join();
    }
}
