package dev.stoa.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny HTTP client for end-to-end tests through the gateway. */
final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final String base;

    Http(String base) {
        this.base = base;
    }

    Response send(String method, String path, Map<String, String> headers, @Nullable Object body) {
        try {
            String raw = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(
                            method,
                            raw == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(raw));
            if (raw != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path, @Nullable String bearer) {
        return send("GET", path, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer), null);
    }

    Response post(String path, @Nullable String bearer, @Nullable Object body) {
        return send("POST", path, bearer == null ? Map.of() : Map.of("Authorization", "Bearer " + bearer), body);
    }

    Response delete(String path, String bearer) {
        return send("DELETE", path, Map.of("Authorization", "Bearer " + bearer), null);
    }

    Response patch(String path, String bearer, Object body) {
        return send("PATCH", path, Map.of("Authorization", "Bearer " + bearer), body);
    }

    /** Status, body and headers of a response. */
    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        }

        String code() {
            return json().path("code").asString();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse("");
        }
    }
}
