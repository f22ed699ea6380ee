package dev.stoa.gateway.auth;

import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.proto.identity.v1.PlatformToken;
import reactor.core.publisher.Mono;

/**
 * The credential exchanges the gateway asks identity-service for. Fails with a 401 {@code StoaException} when
 * identity refuses the credential and a 503 one when identity cannot be reached.
 */
public interface IdentityClient {
    Mono<PlatformToken> exchangeApiKey(String apiKey);

    Mono<PlatformToken> exchangeSdkSecret(String sdkSecret);

    /**
     * Exchanges an access token of the configured Keycloak realm for a platform user token; refused with
     * {@code unknown_user} when its user is no member of any org.
     */
    default Mono<PlatformToken> exchangeKeycloakToken(String keycloakToken) {
        return Mono.error(new UnauthenticatedException("invalid_token", "Keycloak tokens are not accepted"));
    }
}
