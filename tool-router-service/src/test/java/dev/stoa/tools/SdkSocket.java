package dev.stoa.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A raw SDK WebSocket for tests: sends frames as written and hands back what the router sends. */
final class SdkSocket implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final WebSocket socket;
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private SdkSocket(URI uri, String token) {
        StringBuilder partial = new StringBuilder();
        this.socket = CLIENT.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            frames.add(JSON.readTree(partial.toString()));
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        closed.complete(-1);
                    }
                })
                .join();
    }

    static SdkSocket open(int port, String token) {
        return new SdkSocket(URI.create("ws://127.0.0.1:" + port + "/ws/sdk"), token);
    }

    /** The handshake's HTTP status for {@code token}: 101 when the socket opened, else the refusal's. */
    static int handshakeStatus(int port, String token) {
        try {
            open(port, token).close();
            return 101;
        } catch (CompletionException e) {
            return e.getCause() instanceof WebSocketHandshakeException h
                    ? h.getResponse().statusCode()
                    : -1;
        }
    }

    /** Opens a socket and says hello; returns once welcomed. */
    static SdkSocket hello(int port, String token) {
        SdkSocket socket = open(port, token);
        socket.send(Map.of("v", 1, "type", "hello", "sdk", Map.of("name", "test", "version", "0")));
        JsonNode welcome = socket.next();
        if (!"welcome".equals(welcome.path("type").asString())) {
            throw new AssertionError("expected welcome, got " + welcome);
        }
        return socket;
    }

    void send(Object frame) {
        sendText(JSON.writeValueAsString(frame));
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame from the router (fails after 10 s). */
    JsonNode next() {
        try {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the router within 10 s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Registers one tool and returns the router's answer for it. */
    JsonNode register(String name, Map<String, ?> schema, Map<String, ?> extra) {
        var tool = new java.util.LinkedHashMap<String, Object>();
        tool.put("name", name);
        tool.put("description", "Test tool " + name);
        tool.put("input_schema", schema);
        tool.putAll(extra);
        send(Map.of("v", 1, "type", "register", "tools", java.util.List.of(tool)));
        JsonNode registered = next();
        return registered.path("tools").get(0);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
