package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.identity.domain.model.Exchanged;
import dev.stoa.identity.domain.port.IdentitySettings;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Service tokens for platform services acting for nobody in particular (jobs, consumers, the gateway). */
@Service
public final class ServiceTokens {
    private final TokenIssuer tokens;
    private final IdentitySettings properties;

    public ServiceTokens(TokenIssuer tokens, IdentitySettings properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    public Exchanged issue(String clientId, String clientSecret) {
        String expected = properties.serviceClients().get(clientId);
        // Compare even when the client is unknown, so timing does not tell which client ids exist.
        boolean ok = Secrets.constantTimeEquals(expected == null ? "\u0000" + clientSecret : expected, clientSecret);
        if (expected == null || expected.isEmpty() || !ok) {
            throw new UnauthenticatedException("invalid_client", "unknown service client or wrong secret");
        }
        return new Exchanged(
                tokens.issue(principalFor(clientId), properties.serviceTokenTtl()), principalFor(clientId));
    }

    /** identity-service's own service principal, for the rare calls it makes as a service. */
    public static Principal principalFor(String clientId) {
        return new Principal("", clientId, null, null, Set.of(), TokenType.SERVICE, "svc_" + clientId);
    }
}
