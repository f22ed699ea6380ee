package dev.stoa.identity.domain;

import dev.stoa.common.error.FailedPreconditionException;

/** Builtin mode: no external issuer is trusted. */
public class DisabledExternalTokenVerifier implements ExternalTokenVerifier {
    @Override
    public VerifiedToken verify(String token) {
        throw new FailedPreconditionException(
                "keycloak_mode_disabled", "identity runs in builtin mode; Keycloak tokens are not accepted");
    }
}
