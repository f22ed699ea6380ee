package dev.stoa.fakeprovider;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** Routes requests to a protocol, applying auth, scripted failures and scripted replies. */
final class FakeHandler implements HttpHandler {
    private static final Protocol OPENAI = new OpenAiProtocol();
    private static final Protocol ANTHROPIC = new AnthropicProtocol();

    private final FakeProvider fake;

    FakeHandler(FakeProvider fake) {
        this.fake = fake;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: a Pacer.StreamCut must escape with the exchange still open, so the JDK server
        // drops the socket mid-body instead of writing the final chunk.
        serve(exchange);
        exchange.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        JsonNode body;
        try {
            body = raw.length == 0 ? MissingNode.getInstance() : Protocol.JSON.readTree(raw);
        } catch (JacksonException e) {
            body = MissingNode.getInstance();
        }
        RecordedRequest request = new RecordedRequest(method, path, headers, body);
        fake.record(request);

        boolean anthropic = path.equals("/v1/messages")
                || request.header("x-api-key") != null
                || request.header("anthropic-version") != null;
        Protocol protocol = anthropic ? ANTHROPIC : OPENAI;
        boolean chat = method.equals("POST") && (path.equals("/v1/chat/completions") || path.equals("/v1/messages"));
        boolean models = method.equals("GET") && path.equals("/v1/models");
        if (!chat && !models) {
            send(exchange, 404, protocol.error(404, "Unknown route: " + method + " " + path));
            return;
        }
        if (!protocol.authorized(request, fake.requiredApiKey())) {
            send(exchange, 401, protocol.error(401, anthropic ? "invalid x-api-key" : "Incorrect API key provided."));
            return;
        }
        String precondition = protocol.precondition(request);
        if (precondition != null) {
            send(exchange, 400, protocol.error(400, precondition));
            return;
        }
        Integer failure = fake.takeFailure();
        if (failure != null) {
            fail(exchange, protocol, failure);
            return;
        }
        if (models) {
            send(exchange, 200, protocol.models(fake.models()));
        } else if (body.isMissingNode() || !body.path("model").isString()) {
            send(exchange, 400, protocol.error(400, "model: field required"));
        } else {
            reply(exchange, protocol, body);
        }
    }

    private void reply(HttpExchange exchange, Protocol protocol, JsonNode body) throws IOException {
        Reply reply = fake.nextReply(body);
        long inputTokens = reply.inputTokens() != null ? reply.inputTokens() : estimateInputTokens(body);
        if (!body.path("stream").asBoolean(false)) {
            send(exchange, 200, protocol.complete(body, reply, inputTokens));
            return;
        }
        Pacer pacer = fake.nextPacer();
        exchange.getResponseHeaders().set("content-type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("cache-control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        fake.activeStreamCounter().incrementAndGet();
        try {
            protocol.stream(body, reply, inputTokens, new SseWriter(out), pacer);
        } finally {
            fake.activeStreamCounter().decrementAndGet();
        }
    }

    private void fail(HttpExchange exchange, Protocol protocol, int status) throws IOException {
        if (status == 429) {
            long millis = fake.retryAfter().toMillis();
            exchange.getResponseHeaders().set("retry-after", Long.toString((millis + 999) / 1000));
            exchange.getResponseHeaders().set("retry-after-ms", Long.toString(millis));
        }
        String message =
                switch (status) {
                    case 401 -> "invalid x-api-key";
                    case 429 -> "Rate limit reached for requests";
                    case 503, 529 -> "Overloaded";
                    default -> "The server had an error while processing your request.";
                };
        send(exchange, status, protocol.error(status, message));
    }

    /** Roughly four characters a token, over the prompt text only. */
    private static long estimateInputTokens(JsonNode body) {
        long chars = body.path("messages").toString().length()
                + body.path("system").toString().length();
        return Math.max(1, chars / 4);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
