package dev.stoa.tools.mcp;

import dev.stoa.common.net.OutboundPolicy;
import dev.stoa.providers.VettedHttp;
import dev.stoa.tools.domain.McpConnectorErrors;
import dev.stoa.tools.domain.model.McpCredential;
import dev.stoa.tools.domain.model.ToolFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access tokens of OAuth 2 client-credentials grants (RFC 6749 §4.4), for MCP servers that want one: fetched from the
 * token URL through the SSRF-vetted client (the address is checked on the socket too), kept until a minute before
 * they expire. Neither the secret nor a token is ever logged or put in an error.
 */
final class OAuthTokens {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OkHttpClient client;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(String value, long untilNanos) {
        @Override
        public String toString() {
            return "Cached[redacted]";
        }
    }

    OAuthTokens(OutboundPolicy policy) {
        this.client = VettedHttp.client(policy, new VettedHttp.Timeouts(TIMEOUT, TIMEOUT, TIMEOUT, TIMEOUT));
    }

    /** A current access token for the credential. */
    String token(McpCredential credential, String clientSecret) {
        String key = credential.tokenUrl() + "|" + credential.clientId() + "|" + credential.scope() + "|"
                + Integer.toHexString(clientSecret.hashCode());
        Cached cached = cache.get(key);
        if (cached != null && cached.untilNanos() > System.nanoTime()) {
            return cached.value();
        }
        Cached fresh = fetch(credential, clientSecret);
        cache.put(key, fresh);
        return fresh.value();
    }

    private Cached fetch(McpCredential credential, String clientSecret) {
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", "client_credentials")
                .add("client_id", Objects.requireNonNullElse(credential.clientId(), ""))
                .add("client_secret", clientSecret);
        if (credential.scope() != null && !credential.scope().isBlank()) {
            form.add("scope", credential.scope());
        }
        Request request = new Request.Builder()
                .url(Objects.requireNonNull(credential.tokenUrl()))
                .post(form.build())
                .header("Accept", "application/json")
                .build();
        try (Response response = client.newCall(request).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful() || body == null) {
                throw failed("the token URL answered " + response.code());
            }
            JsonNode json = JSON.readTree(body.string());
            String token = json.path("access_token").asString("");
            if (token.isBlank()) {
                throw failed("the token URL's answer has no access_token");
            }
            long seconds = Math.max(0, json.path("expires_in").asLong(300) - 60);
            return new Cached(
                    token, System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
        } catch (IOException | RuntimeException e) {
            if (e instanceof ToolFailure failure) {
                throw failure;
            }
            throw failed("the token URL could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static ToolFailure failed(String why) {
        return new ToolFailure(McpConnectorErrors.UNAVAILABLE, "OAuth client credentials: " + why, true);
    }
}
