package dev.stoa.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A raw SDK socket whose handler answers every call at once with its arguments. */
final class EchoSdk {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Caller → SDK handler times (the call's leg), from the send time the benchmark puts in each call's arguments. */
    static final ConcurrentLinkedQueue<Long> CALL_LEGS = new ConcurrentLinkedQueue<>();

    private final WebSocket socket;
    private final ReentrantLock sending = new ReentrantLock();

    private EchoSdk(WebSocket socket) {
        this.socket = socket;
    }

    static EchoSdk connect(int port, String token, String tool) throws Exception {
        CountDownLatch registered = new CountDownLatch(1);
        EchoSdk[] self = new EchoSdk[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/sdk"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonNode frame = JSON.readTree(partial.toString());
                            partial.setLength(0);
                            switch (frame.path("type").asString()) {
                                // answered off the listener's thread: the JDK's WebSocket must not block it on a
                                // send
                                case "welcome" ->
                                    self[0].sendAsync(
                                            "{\"v\":1,\"type\":\"register\",\"tools\":[{\"name\":\"" + tool
                                                    + "\",\"description\":\"Echoes its arguments.\",\"input_schema\":{\"type\":\"object\"}}]}");
                                case "registered" -> registered.countDown();
                                case "call" -> {
                                    long sentAt = frame.path("arguments")
                                            .path("sent_at_ns")
                                            .asLong(0);
                                    if (sentAt != 0) {
                                        CALL_LEGS.add(System.nanoTime() - sentAt);
                                    }
                                    self[0].sendAsync("{\"v\":1,\"type\":\"result\",\"call_id\":\""
                                            + frame.path("call_id").asString() + "\",\"result\":"
                                            + frame.path("arguments") + "}");
                                }
                                default -> {}
                            }
                        }
                        w.request(1);
                        return null;
                    }
                })
                .join();
        self[0] = new EchoSdk(ws);
        self[0].send("{\"v\":1,\"type\":\"hello\",\"sdk\":{\"name\":\"bench\",\"version\":\"0\"}}");
        if (!registered.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the SDK socket was not registered");
        }
        return self[0];
    }

    void sendAsync(String text) {
        Thread.ofVirtual().start(() -> send(text));
    }

    void send(String text) {
        sending.lock();
        try {
            socket.sendText(text, true).join();
        } finally {
            sending.unlock();
        }
    }

    void close() {
        socket.abort();
    }
}
