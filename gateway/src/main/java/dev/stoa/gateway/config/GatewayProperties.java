package dev.stoa.gateway.config;

import dev.stoa.gateway.routing.RouteProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything under {@code stoa.gateway}. Routes are a map keyed by route id (not a list) so that one property
 * source can enable or re-point a single route without restating the others.
 *
 * @param trustedProxies peers (IPs or CIDRs) whose {@code X-Forwarded-For} is believed
 */
@ConfigurationProperties("stoa.gateway")
public record GatewayProperties(
        @DefaultValue Map<String, RouteProperties> routes,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("1MB") DataSize maxBodyBytes,
        @DefaultValue Identity identity,
        @DefaultValue Auth auth,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Cors cors,
        @DefaultValue Docs docs,
        @DefaultValue Keycloak keycloak) {

    /**
     * Keycloak mode: bearer JWTs whose {@code iss} is {@code issuer} are exchanged with identity for platform tokens.
     *
     * @param issuer the realm's issuer, e.g. {@code https://sso.example.com/realms/stoa}; empty turns this off
     */
    public record Keycloak(@DefaultValue("") String issuer) {}

    /**
     * Where identity-service is.
     *
     * @param jwksUri its JWK Set; defaults to {@code <url>/.well-known/jwks.json}
     * @param issuer the {@code iss} of platform tokens
     */
    public record Identity(
            @DefaultValue("http://localhost:8081") URI url,
            @Nullable URI jwksUri,
            @DefaultValue("stoa") String issuer,
            @DefaultValue("5s") Duration timeout) {

        public URI effectiveJwksUri() {
            return jwksUri != null ? jwksUri : url.resolve("/.well-known/jwks.json");
        }
    }

    /**
     * Which requests need credentials and how exchanged credentials are kept (revocations: {@code stoa.revocation.*}).
     *
     * @param publicPaths the gateway's own {@code "[METHOD ]pattern"} entries open without credentials; identity's
     *     public endpoints ({@link dev.stoa.common.auth.PublicEndpoints}) are always added; the MCP gateway
     *     ({@code /mcp/**}) checks its own tokens (personal access tokens), so the gateway passes it on as it is
     * @param sdkPaths the SDK WebSocket: the only place SDK secrets and SDK tokens are accepted
     * @param exchangeCacheMargin an exchanged token is dropped from the cache this long before it expires
     */
    public record Auth(
            @DefaultValue({"/health", "/openapi.json", "/docs", "/docs/**", "/redoc", "/mcp/**"})
            List<String> publicPaths,

            @DefaultValue("/ws/sdk/**") List<String> sdkPaths,
            @DefaultValue("30s") Duration exchangeCacheMargin,
            @DefaultValue("100000") long exchangeCacheMaxSize) {}

    /**
     * Request budgets per caller kind; on Redis when {@code redisUrl} is set, in memory otherwise.
     *
     * @param exemptPaths paths that spend no budget (probes)
     */
    public record RateLimit(
            @Nullable Limit apiKey,
            @Nullable Limit user,
            @Nullable Limit ip,
            @Nullable String redisUrl,
            @DefaultValue("100000") long maxBuckets,
            @DefaultValue("/health") List<String> exemptPaths) {

        public RateLimit {
            apiKey = apiKey != null ? apiKey : new Limit(600, Duration.ofMinutes(1));
            user = user != null ? user : new Limit(600, Duration.ofMinutes(1));
            ip = ip != null ? ip : new Limit(120, Duration.ofMinutes(1));
            redisUrl = redisUrl == null || redisUrl.isBlank() ? null : redisUrl;
        }

        /** {@code limit} requests per {@code window}. */
        public record Limit(
                @DefaultValue("600") long limit,
                @DefaultValue("1m") Duration window) {}
    }

    /** CORS for browser clients; no origins configured means cross-origin requests get no CORS headers. */
    public record Cors(
            @DefaultValue List<String> allowedOrigins,
            @DefaultValue List<String> allowedOriginPatterns,

            @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
            List<String> allowedMethods,

            @DefaultValue("*") List<String> allowedHeaders,

            @DefaultValue({
                "X-Request-Id",
                "traceparent",
                "X-RateLimit-Limit",
                "X-RateLimit-Remaining",
                "X-RateLimit-Reset",
                "Retry-After"
            })
            List<String> exposedHeaders,

            @DefaultValue("false") boolean allowCredentials,
            @DefaultValue("30m") Duration maxAge) {}

    /** The aggregated OpenAPI document and the pages rendering it. */
    public record Docs(
            @DefaultValue("https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js")
            String redocScriptUrl,

            @DefaultValue("30s") Duration openapiCacheTtl,
            // a service builds its document on its first request, which takes seconds on a busy machine
            @DefaultValue("10s") Duration openapiFetchTimeout) {}
}
