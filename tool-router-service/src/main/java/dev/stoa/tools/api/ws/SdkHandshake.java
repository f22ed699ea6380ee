package dev.stoa.tools.api.ws;

import dev.stoa.common.auth.PlatformClaims;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.RevocationCheck;
import dev.stoa.common.auth.TokenType;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a WebSocket to {@code /ws/sdk} only with a platform token of type {@code sdk} (the gateway exchanges the SDK
 * secret for it): user, API-key and service tokens are refused, as are missing, invalid and revoked ones.
 */
public final class SdkHandshake implements HandshakeInterceptor {
    static final String PRINCIPAL = "stoa.sdk.principal";

    private final JwtDecoder decoder;
    private final ObjectProvider<RevocationCheck> revocations;

    public SdkHandshake(JwtDecoder decoder, ObjectProvider<RevocationCheck> revocations) {
        this.decoder = decoder;
        this.revocations = revocations;
    }

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "the SDK socket needs an SDK token");
        }
        Principal principal;
        try {
            principal = PlatformClaims.toPrincipal(
                    decoder.decode(authorization.substring(7).trim()));
        } catch (JwtException | IllegalArgumentException e) {
            return refuse(response, HttpStatus.UNAUTHORIZED, "invalid_token", "the token is invalid or expired");
        }
        if (principal.tokenType() != TokenType.SDK || principal.orgId().isBlank()) {
            return refuse(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "invalid_credential_type",
                    "the SDK socket needs an SDK credential");
        }
        RevocationCheck check = revocations.getIfAvailable();
        if (check != null && check.isRevoked(principal)) {
            return refuse(response, HttpStatus.UNAUTHORIZED, "token_revoked", "the token has been revoked");
        }
        attributes.put(PRINCIPAL, principal);
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            @Nullable Exception exception) {}

    private static boolean refuse(ServerHttpResponse response, HttpStatus status, String code, String detail) {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = ProtocolFrames.write(Map.of(
                "type",
                "about:blank",
                "title",
                status.getReasonPhrase(),
                "status",
                status.value(),
                "detail",
                detail,
                "code",
                code,
                "retryable",
                false));
        try {
            response.getBody().write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            // the client is gone; the status alone refuses it
        }
        return false;
    }
}
