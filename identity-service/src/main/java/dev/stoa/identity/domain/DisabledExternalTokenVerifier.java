package dev.stoa.identity.domain;

import dev.stoa.common.error.FailedPreconditionException;
import dev.stoa.identity.domain.port.ExternalTokenVerifier;

/** Builtin mode: no external issuer is trusted. */
public final class DisabledExternalTokenVerifier implements ExternalTokenVerifier {
    @Override
    public VerifiedToken verify(String token) {
        throw new FailedPreconditionException(
                "keycloak_mode_disabled", "identity runs in builtin mode; Keycloak tokens are not accepted");
    }
}
