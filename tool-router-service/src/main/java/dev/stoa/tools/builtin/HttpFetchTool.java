package dev.stoa.tools.builtin;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.providers.VettedHttp;
import dev.stoa.tools.domain.model.ToolDefinition;
import dev.stoa.tools.domain.model.ToolFailure;
import dev.stoa.tools.domain.port.BuiltinTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code http_fetch}: GETs a URL and returns its status, content type and the first {@code max_bytes} of its text.
 * Every address goes through the platform's SSRF policy twice ({@link OutboundPolicy} on the URL, {@link VettedHttp} on
 * the socket, so DNS rebinding gains nothing); redirects are not followed but returned (their target is vetted when
 * fetched in turn). A refused URL is the tool error {@code url_not_allowed}; an unreachable one {@code fetch_failed}.
 */
public final class HttpFetchTool implements BuiltinTool {
    public static final String NAME = "http_fetch";
    static final int DEFAULT_MAX_BYTES = 64 * 1024;
    static final int MAX_BYTES = 256 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ToolDefinition DEFINITION = new ToolDefinition(
            NAME,
            "Fetch a web page or API response over HTTP(S) GET and return its status code, content type and the first"
                    + " max_bytes bytes of its text (redirects are returned, not followed).",
            "{\"additionalProperties\":false,\"properties\":{"
                    + "\"max_bytes\":{\"description\":\"How many bytes of the body to return (default 65536).\","
                    + "\"maximum\":" + MAX_BYTES + ",\"minimum\":1,\"type\":\"integer\"},"
                    + "\"url\":{\"description\":\"The http or https URL to fetch.\",\"maxLength\":2048,"
                    + "\"minLength\":1,\"type\":\"string\"}},"
                    + "\"required\":[\"url\"],\"type\":\"object\"}",
            15_000,
            List.of("web", "http"),
            true);

    private final OutboundPolicy policy;
    private final OkHttpClient client;

    public HttpFetchTool(OutboundPolicy policy) {
        this.policy = policy;
        Duration limit = Duration.ofMillis(DEFINITION.timeoutMs());
        this.client = VettedHttp.client(policy, new VettedHttp.Timeouts(limit, limit, limit, limit));
    }

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public String run(String argumentsJson, Duration timeout) {
        JsonNode args = JSON.readTree(argumentsJson);
        String url = args.path("url").asString("").trim();
        int maxBytes = args.path("max_bytes").asInt(DEFAULT_MAX_BYTES);
        try {
            policy.checkUrl(url, "url");
        } catch (InvalidInputException e) {
            throw new ToolFailure("url_not_allowed", String.valueOf(e.getMessage()), false);
        }
        Request request;
        try {
            request = new Request.Builder()
                    .url(url)
                    .get()
                    .header("Accept", "text/*, application/json, application/xml;q=0.9, */*;q=0.5")
                    .header("User-Agent", "stoa-http-fetch/1")
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ToolFailure("url_not_allowed", "url: URL is not a valid http(s) URL", false);
        }
        OkHttpClient call = client.newBuilder().callTimeout(timeout).build();
        try (Response response = call.newCall(request).execute()) {
            return result(url, response, maxBytes);
        } catch (UnknownHostException e) {
            if (String.valueOf(e.getMessage()).contains("outbound policy")) {
                throw new ToolFailure("url_not_allowed", "url: " + e.getMessage(), false);
            }
            throw new ToolFailure("fetch_failed", "the host does not resolve", true);
        } catch (VettedHttp.RefusedAddressException e) {
            throw new ToolFailure("url_not_allowed", "url: URL " + e.getMessage(), false);
        } catch (InterruptedIOException e) {
            throw new ToolFailure("fetch_failed", "the fetch timed out", true);
        } catch (IOException e) {
            throw new ToolFailure(
                    "fetch_failed",
                    "the URL could not be fetched (" + e.getClass().getSimpleName() + ")",
                    true);
        }
    }

    private static String result(String url, Response response, int maxBytes) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("url", url);
        out.put("status", response.code());
        String contentType = Objects.requireNonNullElse(response.header("Content-Type"), "");
        out.put("content_type", contentType);
        String location = response.header("Location");
        if (response.isRedirect() && location != null) {
            out.put("location", location);
        }
        ResponseBody body = response.body();
        if (body == null || !textual(contentType)) {
            out.put("body", "");
            out.put("binary", body != null);
            out.put("truncated", false);
            return JSON.writeValueAsString(out);
        }
        byte[] bytes;
        try (InputStream in = body.byteStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        boolean truncated = bytes.length > maxBytes;
        MediaType type = body.contentType();
        Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
        out.put("body", new String(bytes, 0, Math.min(bytes.length, maxBytes), charset));
        out.put("truncated", truncated);
        return JSON.writeValueAsString(out);
    }

    /** Text the model can read: no content type, text/*, JSON, XML, JavaScript, form data. */
    static boolean textual(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isBlank()
                || type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript")
                || type.contains("x-www-form-urlencoded");
    }
}
