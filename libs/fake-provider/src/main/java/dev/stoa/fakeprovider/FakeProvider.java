package dev.stoa.fakeprovider;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A fake model provider: a real HTTP/1.1 server on 127.0.0.1 speaking OpenAI Chat Completions
 * ({@code /v1/chat/completions}) and Anthropic Messages ({@code /v1/messages}) with SSE streaming, scripted replies,
 * delays and failures. Thread-safe; configure it between requests.
 */
public final class FakeProvider implements AutoCloseable {
    static final Reply DEFAULT_REPLY = Reply.text("ok");
    static final List<String> DEFAULT_MODELS = List.of("fake-model", "fake-model-mini");

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private List<Reply> script = List.of();
    private int scriptCursor;
    private Function<JsonNode, @Nullable Reply> responder = body -> null;
    private final Deque<Integer> failures = new ArrayDeque<>();
    private @Nullable String requiredApiKey;
    private Duration timeToFirstToken = Duration.ZERO;
    private Duration interTokenDelay = Duration.ZERO;
    private Duration retryAfter = Duration.ofSeconds(1);
    private int cutStreamAfter = -1;
    private List<String> models = DEFAULT_MODELS;
    private volatile boolean recording = true;
    private final AtomicInteger activeStreams = new AtomicInteger();

    private FakeProvider(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on a free port. */
    public static FakeProvider start() {
        return start(0);
    }

    /** Starts on the given port (0 picks a free one). */
    public static FakeProvider start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            FakeProvider fake = new FakeProvider(server, executor);
            server.setExecutor(executor);
            server.createContext("/", new FakeHandler(fake));
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake provider on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:PORT}; OpenAI clients use {@code baseUrl() + "/v1"}, Anthropic clients this. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests without this key (Bearer for OpenAI, x-api-key for Anthropic) get 401. */
    public synchronized FakeProvider requireApiKey(@Nullable String apiKey) {
        this.requiredApiKey = apiKey;
        return this;
    }

    /** Replies to serve in order; the last one repeats once the script is used up. */
    public synchronized FakeProvider script(Reply... replies) {
        this.script = List.of(replies);
        this.scriptCursor = 0;
        return this;
    }

    /**
     * Picks the reply from the request body (the protocol's JSON: model, messages...), for callers whose requests
     * interleave (a chat turn and a background extraction); when it answers null the script serves.
     */
    public synchronized FakeProvider respondTo(Function<JsonNode, @Nullable Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** Delay between the start of a stream and its first token. */
    public synchronized FakeProvider timeToFirstToken(Duration delay) {
        this.timeToFirstToken = delay;
        return this;
    }

    /** Delay between streamed tokens. */
    public synchronized FakeProvider interTokenDelay(Duration delay) {
        this.interTokenDelay = delay;
        return this;
    }

    /** What 429 replies announce in {@code retry-after} (seconds, rounded up) and {@code retry-after-ms}. */
    public synchronized FakeProvider retryAfter(Duration delay) {
        this.retryAfter = delay;
        return this;
    }

    /** Models listed by {@code GET /v1/models}. */
    public synchronized FakeProvider models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** The next request fails with this status and the protocol's error JSON. */
    public FakeProvider failNext(int status) {
        return failNext(status, 1);
    }

    /** The next {@code times} requests fail with this status. */
    public synchronized FakeProvider failNext(int status, int times) {
        for (int i = 0; i < times; i++) {
            failures.addLast(status);
        }
        return this;
    }

    /** The next streamed reply drops the connection after this many tokens (text tokens or argument pieces). */
    public synchronized FakeProvider cutStreamAfter(int tokens) {
        this.cutStreamAfter = tokens;
        return this;
    }

    /** Whether to keep received requests; long benchmark runs turn this off to bound memory. */
    public FakeProvider recordRequests(boolean enabled) {
        this.recording = enabled;
        return this;
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    /** Streamed replies being written right now (lets tests see a client consume a stream before it ends). */
    public int activeStreams() {
        return activeStreams.get();
    }

    /** Forgets requests, script, failures, delays, key and models. */
    public synchronized void reset() {
        requests.clear();
        script = List.of();
        scriptCursor = 0;
        responder = body -> null;
        failures.clear();
        requiredApiKey = null;
        timeToFirstToken = Duration.ZERO;
        interTokenDelay = Duration.ZERO;
        retryAfter = Duration.ofSeconds(1);
        cutStreamAfter = -1;
        models = DEFAULT_MODELS;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // Package-private: what the handler reads per request.

    void record(RecordedRequest request) {
        if (recording) {
            requests.add(request);
        }
    }

    AtomicInteger activeStreamCounter() {
        return activeStreams;
    }

    synchronized @Nullable String requiredApiKey() {
        return requiredApiKey;
    }

    synchronized @Nullable Integer takeFailure() {
        return failures.pollFirst();
    }

    synchronized Reply nextReply(JsonNode body) {
        Reply chosen = responder.apply(body);
        if (chosen != null) {
            return chosen;
        }
        if (script.isEmpty()) {
            return DEFAULT_REPLY;
        }
        return script.get(Math.min(scriptCursor++, script.size() - 1));
    }

    synchronized Pacer nextPacer() {
        Pacer pacer = new Pacer(timeToFirstToken, interTokenDelay, cutStreamAfter);
        cutStreamAfter = -1;
        return pacer;
    }

    synchronized Duration retryAfter() {
        return retryAfter;
    }

    synchronized List<String> models() {
        return new ArrayList<>(models);
    }
}
