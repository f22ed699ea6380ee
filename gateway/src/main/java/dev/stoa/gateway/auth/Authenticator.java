package dev.stoa.gateway.auth;

import com.nimbusds.jwt.JWTParser;
import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.PublicEndpoints;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.gateway.config.GatewayProperties;
import dev.stoa.revocation.RevocationRegistry;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;

/**
 * Decides who a request comes from (ARCHITECTURE §2): public paths need nothing; platform JWTs are verified
 * locally; API keys, SDK secrets and (Keycloak mode) tokens of the Keycloak realm are exchanged with identity; SDK credentials only open the SDK socket and
 * nothing else does; revoked sessions are refused.
 */
public final class Authenticator {
    private final RequestMatcher publicPaths;
    private final RequestMatcher sdkPaths;
    private final PlatformTokenVerifier verifier;
    private final CredentialExchanger exchanger;
    private final RevocationRegistry revocations;
    private final ExchangeGuard guard;
    private final String keycloakIssuer;

    public Authenticator(
            GatewayProperties.Auth properties,
            PlatformTokenVerifier verifier,
            CredentialExchanger exchanger,
            RevocationRegistry revocations,
            ExchangeGuard guard) {
        this(properties, verifier, exchanger, revocations, guard, "");
    }

    /**
     * @param keycloakIssuer the {@code iss} of the Keycloak realm whose tokens are exchanged with identity; empty
     *     when Keycloak tokens are not accepted
     */
    public Authenticator(
            GatewayProperties.Auth properties,
            PlatformTokenVerifier verifier,
            CredentialExchanger exchanger,
            RevocationRegistry revocations,
            ExchangeGuard guard,
            String keycloakIssuer) {
        this.keycloakIssuer = keycloakIssuer.strip();
        // identity's public endpoints come from the list identity itself serves them by, never from a copy
        List<String> open = new ArrayList<>(properties.publicPaths());
        open.addAll(PublicEndpoints.IDENTITY);
        this.publicPaths = new RequestMatcher(open);
        this.sdkPaths = new RequestMatcher(properties.sdkPaths());
        this.verifier = verifier;
        this.exchanger = exchanger;
        this.revocations = revocations;
        this.guard = guard;
    }

    public Mono<AuthOutcome> authenticate(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        if (publicPaths.matches(request.getMethod(), path)) {
            return Mono.just(new AuthOutcome.Anonymous());
        }
        boolean sdkPath = sdkPaths.matches(request.getMethod(), path);
        Optional<Credential> credential;
        try {
            credential = Credential.from(request.getHeaders());
        } catch (StoaException e) {
            return Mono.just(new AuthOutcome.Rejected(e));
        }
        if (credential.isEmpty()) {
            return rejected("unauthenticated", "this endpoint needs a bearer token or an API key");
        }
        Mono<AuthOutcome> outcome =
                switch (credential.get()) {
                    case Credential.PlatformJwt jwt
                    when isKeycloakToken(jwt.token()) ->
                        guarded(request, jwt.token(), exchanger.exchangeKeycloakToken(jwt.token()))
                                .map(e -> check(e.principal(), sdkPath, e.accessToken()));
                    case Credential.PlatformJwt jwt ->
                        verifier.verify(jwt.token()).map(p -> check(p, sdkPath, null));
                    case Credential.ApiKey key ->
                        sdkPath
                                ? rejected("invalid_credential_type", "the SDK socket needs an SDK secret")
                                : guarded(request, key.key(), exchanger.exchange(key))
                                        .map(e -> check(e.principal(), false, e.accessToken()));
                    case Credential.SdkSecret secret ->
                        sdkPath
                                ? guarded(request, secret.secret(), exchanger.exchange(secret))
                                        .map(e -> check(e.principal(), true, e.accessToken()))
                                : rejected(
                                        "invalid_credential_type", "SDK secrets are accepted on the SDK socket only");
                };
        return outcome.onErrorResume(StoaException.class, e -> Mono.just(new AuthOutcome.Rejected(e)));
    }

    /**
     * Whether the JWT claims to come from the Keycloak realm (unverified: identity verifies it). Tokens of any other
     * issuer go to the platform verifier, which refuses all but identity's own.
     */
    private boolean isKeycloakToken(String jwt) {
        if (keycloakIssuer.isEmpty()) {
            return false;
        }
        try {
            return keycloakIssuer.equals(JWTParser.parse(jwt).getJWTClaimsSet().getIssuer());
        } catch (ParseException e) {
            return false; // the platform verifier refuses it
        }
    }

    private Mono<ExchangedCredential> guarded(
            ServerHttpRequest request, String secret, Mono<ExchangedCredential> exchange) {
        return exchanger.isCached(secret)
                ? exchange
                : guard.beforeExchange(request).then(exchange);
    }

    private AuthOutcome check(Principal principal, boolean sdkPath, @org.jspecify.annotations.Nullable String token) {
        if (revocations.isRevoked(principal.sessionId())) {
            return new AuthOutcome.Rejected(new UnauthenticatedException("invalid_token", "the token was revoked"));
        }
        boolean sdkToken = principal.tokenType() == TokenType.SDK;
        if (sdkToken && !sdkPath) {
            return new AuthOutcome.Rejected(new UnauthenticatedException(
                    "invalid_credential_type", "SDK tokens are accepted on the SDK socket only"));
        }
        if (!sdkToken && sdkPath) {
            return new AuthOutcome.Rejected(
                    new UnauthenticatedException("invalid_credential_type", "the SDK socket needs an SDK credential"));
        }
        return new AuthOutcome.Authenticated(principal, token);
    }

    private static Mono<AuthOutcome> rejected(String code, String message) {
        return Mono.just(new AuthOutcome.Rejected(new UnauthenticatedException(code, message)));
    }
}
