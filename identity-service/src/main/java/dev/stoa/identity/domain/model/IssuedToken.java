package dev.stoa.identity.domain.model;

import java.time.OffsetDateTime;

/** A signed platform token and when it expires. */
public record IssuedToken(String value, OffsetDateTime expiresAt) {
    @Override
    public String toString() { // a bearer token
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
