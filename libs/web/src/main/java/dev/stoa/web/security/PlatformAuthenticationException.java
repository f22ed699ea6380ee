package dev.stoa.web.security;

import org.springframework.security.core.AuthenticationException;

/** A signed, unexpired platform token that is still refused, with the problem code saying why. */
public final class PlatformAuthenticationException extends AuthenticationException {
    private final String code;

    public PlatformAuthenticationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
