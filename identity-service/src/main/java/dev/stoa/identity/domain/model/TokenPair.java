package dev.stoa.identity.domain.model;

import dev.stoa.common.auth.Role;

/** What login, register and refresh return. */
public record TokenPair(IssuedToken access, String refreshToken, User user, Org org, Role role, String sessionId) {
    @Override
    public String toString() { // both tokens are credentials
        return "TokenPair[user=" + user + ", org=" + org.id() + ", role=" + role + ", sessionId=" + sessionId + "]";
    }
}
