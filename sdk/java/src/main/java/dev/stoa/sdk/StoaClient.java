package dev.stoa.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend's connection to Stoa: connects to {@code /ws/sdk} with an SDK connection's secret, registers the
 * {@link StoaTool} methods of the given objects and runs each call on a virtual thread. It reconnects with back-off and
 * jitter whenever the socket drops, and {@link #close()} drains: no new calls, calls in flight finish (bounded), then it
 * disconnects.
 *
 * <pre>{@code
 * try (StoaClient stoa = StoaClient.builder().url("https://stoa.example.com").secret(secret).tools(new Weather()).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class StoaClient implements AutoCloseable {
    static final String SDK_NAME = "stoa-java";
    static final String SDK_VERSION = "0.1.0";
    private static final Logger log = LoggerFactory.getLogger(StoaClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String secret;
    private final Map<String, ToolMethod> tools;
    private final Backoff backoff;
    private final Duration drainTimeout;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock sending = new ReentrantLock();

    private volatile @Nullable WebSocket socket;
    private volatile boolean closing;
    private volatile int registrations;
    private volatile int heartbeatMillis = 25_000;
    private int attempt;

    private StoaClient(Builder b) {
        this.url = websocketUrl(Objects.requireNonNull(b.url, "url"));
        this.secret = Objects.requireNonNull(b.secret, "secret");
        Map<String, ToolMethod> byName = new LinkedHashMap<>();
        for (Object bean : b.beans) {
            for (ToolMethod tool : ToolMethod.of(bean)) {
                if (byName.putIfAbsent(tool.name, tool) != null) {
                    throw new IllegalArgumentException("two tools are named " + tool.name);
                }
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no tools: pass objects with @StoaTool methods to tools(...)");
        }
        this.tools = Map.copyOf(byName);
        this.backoff = b.backoff;
        this.drainTimeout = b.drainTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Connects in the background (and keeps reconnecting); returns at once. */
    public StoaClient start() {
        Thread.ofVirtual().name("stoa-sdk-connect").start(this::connect);
        Thread.ofVirtual().name("stoa-sdk-heartbeat").start(this::heartbeats);
        return this;
    }

    /** Waits until the tools are registered on a live connection; false on timeout. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (registrations == 0 || socket == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many times the tools were registered (once per connection). */
    public int registrations() {
        return registrations;
    }

    /** Whether a socket is open and its tools registered. */
    public boolean connected() {
        return socket != null && registrations > 0;
    }

    private void connect() {
        while (!closing) {
            try {
                WebSocket ws = http.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + secret)
                        .buildAsync(url, new Listener())
                        .get(15, TimeUnit.SECONDS);
                socket = ws;
                send(frame("hello")
                        .set(
                                "sdk",
                                JSON.createObjectNode().put("name", SDK_NAME).put("version", SDK_VERSION)));
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Duration delay = backoff.delay(attempt++);
                log.warn("Stoa: cannot connect to {} ({}); retrying in {} ms", url, rootMessage(e), delay.toMillis());
                sleep(delay);
            }
        }
    }

    private void reconnectLater() {
        socket = null;
        if (closing) {
            return;
        }
        Duration delay = backoff.delay(attempt++);
        log.warn("Stoa: connection lost; reconnecting in {} ms", delay.toMillis());
        Thread.ofVirtual().name("stoa-sdk-reconnect").start(() -> {
            sleep(delay);
            connect();
        });
    }

    private void heartbeats() {
        while (!closing) {
            sleep(Duration.ofMillis(heartbeatMillis));
            if (socket != null) {
                send(frame("heartbeat"));
            }
        }
    }

    private void onFrame(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "welcome" -> {
                attempt = 0;
                heartbeatMillis = frame.path("heartbeat_interval_ms").asInt(25_000);
                ArrayNode list = JSON.createArrayNode();
                tools.values().forEach(t -> list.add(t.registration(JSON)));
                send(frame("register").set("tools", list));
            }
            case "registered" -> {
                for (JsonNode t : frame.path("tools")) {
                    if (!"accepted".equals(t.path("status").asText())) {
                        log.error(
                                "Stoa refused tool {}: {}",
                                t.path("name").asText(),
                                t.path("error").asText());
                    }
                }
                lock.lock();
                try {
                    registrations++;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            case "call" -> call(frame);
            case "cancel" -> {
                Thread thread = running.get(frame.path("call_id").asText());
                if (thread != null) {
                    thread.interrupt();
                }
            }
            case "protocol_error" ->
                log.warn(
                        "Stoa refused a frame: {} {}",
                        frame.path("code").asText(),
                        frame.path("message").asText());
            default -> {} // heartbeat answers and frames of newer versions need nothing
        }
    }

    private void call(JsonNode frame) {
        String callId = frame.path("call_id").asText();
        ToolMethod tool = tools.get(frame.path("tool").asText());
        if (tool == null) {
            error(
                    callId,
                    "tool_unavailable",
                    "this backend has no tool " + frame.path("tool").asText(),
                    false);
            return;
        }
        Thread thread = Thread.ofVirtual().name("stoa-tool-" + tool.name).unstarted(() -> {
            try {
                JsonNode result = tool.invoke(JSON, frame.path("arguments"));
                ObjectNode out = frame("result").put("call_id", callId);
                out.set("result", result);
                send(out);
            } catch (ToolException e) {
                error(callId, e.code(), e.getMessage(), e.retryable());
            } catch (InterruptedException e) {
                // cancelled: the router has already ended the call
            } catch (Throwable e) {
                log.warn("Stoa tool {} failed", tool.name, e);
                error(callId, "tool_failed", e.getClass().getSimpleName() + ": " + e.getMessage(), false);
            } finally {
                running.remove(callId);
                lock.lock();
                try {
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
        running.put(callId, thread);
        thread.start();
    }

    private void error(String callId, String code, @Nullable String message, boolean retryable) {
        ObjectNode out = frame("error").put("call_id", callId);
        String text = message == null ? "" : message;
        out.putObject("error")
                .put("code", code)
                .put("message", text.length() > 2000 ? text.substring(0, 2000) : text)
                .put("retryable", retryable);
        send(out);
    }

    /** Sends one frame; the JDK's WebSocket takes one send at a time. */
    private void send(ObjectNode frame) {
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        sending.lock();
        try {
            ws.sendText(JSON.writeValueAsString(frame), true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Stoa: send failed: {}", e.toString());
        } finally {
            sending.unlock();
        }
    }

    private static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("v", 1).put("type", type);
    }

    /** Drains (no new calls), waits for calls in flight up to the drain timeout, then disconnects. */
    @Override
    public void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws == null) {
            return;
        }
        send(frame("drain"));
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        lock.lock();
        try {
            while (!running.isEmpty() && System.nanoTime() < deadline) {
                changed.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        running.values().forEach(Thread::interrupt);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "shutdown")
                .orTimeout(5, TimeUnit.SECONDS)
                .exceptionally(e -> null)
                .join();
        ws.abort();
        socket = null;
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onFrame(JSON.readTree(text));
                } catch (Exception e) {
                    log.warn("Stoa: unreadable frame: {}", e.toString());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            log.info("Stoa closed the connection ({} {})", status, reason);
            reconnectLater();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            log.warn("Stoa connection error: {}", error.toString());
            reconnectLater();
        }
    }

    private static URI websocketUrl(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (u.startsWith("http://")) {
            u = "ws://" + u.substring(7);
        } else if (u.startsWith("https://")) {
            u = "wss://" + u.substring(8);
        }
        return URI.create(u.endsWith("/ws/sdk") ? u : u + "/ws/sdk");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

    /** Settings of a {@link StoaClient}. */
    public static final class Builder {
        private @Nullable String url;
        private @Nullable String secret;
        private final List<Object> beans = new ArrayList<>();
        private Backoff backoff = Backoff.DEFAULT;
        private Duration drainTimeout = Duration.ofSeconds(10);

        /** The platform's address (the gateway, {@code https://...}) or the socket's ({@code wss://.../ws/sdk}). */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** The SDK connection's secret ({@code stoa_sdk_...}); keep it out of source code and logs. */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** Objects whose public {@link StoaTool} methods are the tools. */
        public Builder tools(Object... beans) {
            this.beans.addAll(List.of(beans));
            return this;
        }

        /** Reconnect delays: the first at most {@code base}, doubling to {@code max}, each randomised (jitter). */
        public Builder reconnect(Duration base, Duration max) {
            this.backoff = new Backoff(base, max);
            return this;
        }

        /** How long {@link StoaClient#close()} lets calls in flight finish. */
        public Builder drainTimeout(Duration timeout) {
            this.drainTimeout = timeout;
            return this;
        }

        public StoaClient start() {
            return new StoaClient(this).start();
        }

        @Override
        public String toString() { // holds the secret
            return "StoaClient.Builder[url=" + url + "]";
        }
    }
}
