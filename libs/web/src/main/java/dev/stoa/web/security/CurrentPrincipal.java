package dev.stoa.web.security;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.error.UnauthenticatedException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller of the current request, for code that is not a controller (controllers take a Principal). */
public final class CurrentPrincipal {
    private CurrentPrincipal() {}

    /** The authenticated principal; 401 {@code unauthenticated} when the request carries none. */
    public static Principal get() {
        return find().orElseThrow(() -> new UnauthenticatedException("unauthenticated", "authentication is required"));
    }

    public static Optional<Principal> find() {
        return authentication().map(StoaAuthentication::principal);
    }

    /** The caller's raw platform token, to propagate to downstream calls. */
    public static Optional<String> token() {
        return authentication().map(StoaAuthentication::tokenValue);
    }

    private static Optional<StoaAuthentication> authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof StoaAuthentication stoa ? Optional.of(stoa) : Optional.empty();
    }
}
