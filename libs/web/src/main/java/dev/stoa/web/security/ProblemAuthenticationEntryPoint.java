package dev.stoa.web.security;

import dev.stoa.common.error.Problem;
import dev.stoa.common.error.ProblemCodes;
import dev.stoa.web.error.ProblemWriter;
import dev.stoa.web.request.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers authentication failures with problem+json: {@code unauthenticated} (no token), {@code invalid_token}
 * (expired, tampered, wrong issuer or key), a {@link PlatformAuthenticationException}'s own code, or 503 when
 * the token could not be checked at all (JWKS unreachable).
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {
    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ProblemWriter writer;

    public ProblemAuthenticationEntryPoint(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            log.warn("request {}: token could not be validated: {}", RequestIds.of(request), failure.getMessage());
            writer.write(
                    response,
                    writer.problem(
                            request,
                            503,
                            "auth_unavailable",
                            "the token could not be validated right now",
                            true,
                            List.of()));
            return;
        }
        Problem problem;
        if (failure instanceof PlatformAuthenticationException platform) {
            problem = writer.problem(request, 401, platform.code(), String.valueOf(platform.getMessage()));
        } else if (failure instanceof OAuth2AuthenticationException) {
            problem = writer.problem(
                    request, 401, ProblemCodes.INVALID_TOKEN, "the bearer token is invalid, expired or not trusted");
        } else {
            problem = writer.problem(request, 401, ProblemCodes.UNAUTHENTICATED, "a bearer token is required");
        }
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                problem.code().equals(ProblemCodes.UNAUTHENTICATED) ? "Bearer" : "Bearer error=\"invalid_token\"");
        writer.write(response, problem);
    }
}
