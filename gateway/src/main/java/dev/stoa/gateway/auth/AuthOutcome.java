package dev.stoa.gateway.auth;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.StoaException;
import org.jspecify.annotations.Nullable;

/** What authentication made of a request. */
public sealed interface AuthOutcome {
    /** A public path: no credential needed or looked at. */
    record Anonymous() implements AuthOutcome {}

    /**
     * A verified caller.
     *
     * @param exchangedToken the platform token to forward instead of the presented credential, if exchanged
     */
    record Authenticated(Principal principal, @Nullable String exchangedToken) implements AuthOutcome {}

    /** Refused; the error is answered once rate limiting has counted the request. */
    record Rejected(StoaException error) implements AuthOutcome {}
}
