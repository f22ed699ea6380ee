package dev.stoa.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.id.Ids;
import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.FakeProviderExtension;
import dev.stoa.test.service.TestOrg;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * chat-service's API for tests, plus agent-service's (the real one beside it) to set up providers and agents, and an
 * SSE reader that parses a turn's stream.
 */
final class ChatApi extends TestHttp {
    final TestHttp agents;
    private final String baseUrl;

    ChatApi(String baseUrl) {
        super(baseUrl);
        this.baseUrl = baseUrl;
        this.agents = new TestHttp(AgentServiceProcess.get().restUrl());
    }

    FakeProvider fake() {
        return FakeProviderExtension.fakeProvider();
    }

    /** An agent on the fake provider (OpenAI protocol), with a prompt block that uses a variable. */
    String agent(TestOrg org, Map<String, Object> extra) {
        String provider = provider(org, "openai_compatible", fake().baseUrl() + "/v1");
        return agent(org, Map.of("provider_id", provider, "model", "gpt-4o-mini"), extra);
    }

    /** A provider of {@code kind} at {@code baseUrl}, with the key the fake provider accepts. */
    String provider(TestOrg org, String kind, String baseUrl) {
        Response provider = agents.post(
                "/api/v1/providers",
                org.admin(),
                Map.of(
                        "name",
                        "fake-" + Ids.generate("x").substring(2, 14),
                        "kind",
                        kind,
                        "base_url",
                        baseUrl,
                        "api_key",
                        FakeProviderExtension.API_KEY));
        assertThat(provider.status()).as(provider.body()).isEqualTo(201);
        return provider.id();
    }

    /** An agent on {@code model} ({@code provider_id} + {@code model}, or {@code tier}), with a prompt block. */
    String agent(TestOrg org, Map<String, Object> model, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of(
                "name",
                "helper",
                "model",
                model,
                "prompt_blocks",
                List.of(Map.of("name", "persona", "content", "You help {{customer}}."))));
        body.putAll(extra);
        Response agent = agents.post("/api/v1/agents", org.member(), body);
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        return agent.id();
    }

    /** One Server-Sent Event. */
    record Event(long id, String type, JsonNode data) {}

    /** A streamed answer: the status, and (for 200) every event until the stream ended. */
    record Stream(int status, List<Event> events, String problem, HttpResponse<InputStream> raw) {
        List<String> types() {
            return events.stream().map(Event::type).toList();
        }

        Event first(String type) {
            return events.stream()
                    .filter(e -> e.type().equals(type))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type + " in " + types()));
        }

        String text() {
            StringBuilder out = new StringBuilder();
            events.stream()
                    .filter(e -> e.type().equals("text.delta"))
                    .forEach(e -> out.append(e.data().path("text").asString()));
            return out.toString();
        }

        String conversationId() {
            return first("conversation").data().path("conversation_id").asString();
        }

        String turnId() {
            return first("turn.started").data().path("turn_id").asString();
        }
    }

    Stream chat(TestOrg org, String token, String agentId, Map<String, Object> body) {
        return chat(token, agentId, body);
    }

    Stream chat(String token, String agentId, Map<String, Object> body) {
        return chat(token, agentId, body, Map.of(), Integer.MAX_VALUE);
    }

    /** POSTs a message and reads the stream (at most {@code maxEvents}, then hangs up). */
    Stream chat(String token, String agentId, Map<String, Object> body, Map<String, String> headers, int maxEvents) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/agents/" + agentId + "/chat"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(request::header);
        return read(request.build(), maxEvents);
    }

    /** GETs a conversation's event stream after an id. */
    Stream events(String token, String conversationId, @Nullable Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/conversations/" + conversationId + "/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        return read(request.build(), Integer.MAX_VALUE);
    }

    private static Stream read(HttpRequest request, int maxEvents) {
        return read(CLIENT, request, maxEvents);
    }

    /**
     * POSTs a message over a plain socket and hangs up (closes the socket) after {@code maxEvents} events, as a
     * client that goes away does; the JDK client would instead drain the rest of the stream when closed early.
     */
    List<Event> chatThenHangUp(String token, String agentId, Map<String, Object> body, int maxEvents) {
        URI uri = URI.create(baseUrl);
        byte[] json = JSON.writeValueAsBytes(body);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            String head = "POST /api/v1/agents/" + agentId + "/chat HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: text/event-stream\r\n"
                    + "Content-Length: " + json.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(json);
            socket.getOutputStream().flush();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = reader.readLine();
            if (status == null || !status.contains(" 200 ")) {
                throw new AssertionError("chat answered " + status);
            }
            List<Event> events = new ArrayList<>();
            parse(reader, events, maxEvents);
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads SSE frames (chunk-size lines of a chunked body are no frames and are skipped). */
    private static void parse(BufferedReader reader, List<Event> into, int max) throws IOException {
        long id = -1;
        String type = null;
        String line;
        while (into.size() < max && (line = reader.readLine()) != null) {
            if (line.startsWith("id: ")) {
                id = Long.parseLong(line.substring(4));
            } else if (line.startsWith("event: ")) {
                type = line.substring(7);
            } else if (line.startsWith("data: ")) {
                into.add(new Event(id, type, JSON.readTree(line.substring(6))));
            }
        }
    }

    private static Stream read(java.net.http.HttpClient client, HttpRequest request, int maxEvents) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream in = response.body()) {
                    return new Stream(
                            response.statusCode(),
                            List.of(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            response);
                }
            }
            List<Event> events = new ArrayList<>();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                parse(reader, events, maxEvents);
            }
            return new Stream(200, events, "", response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
