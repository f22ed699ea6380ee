package dev.stoa.gateway.ratelimit;

import dev.stoa.common.auth.Principal;

/** Whose budget a request spends: an API key, a user (or other token subject), or an anonymous IP. */
public record RateLimitKey(Kind kind, String id) {

    /** The kinds of budget, each with its own limit. */
    public enum Kind {
        API_KEY,
        USER,
        IP
    }

    /** API keys by key id ({@code sub}); users by {@code user_id}; other token types by type and subject. */
    public static RateLimitKey of(Principal principal) {
        return switch (principal.tokenType()) {
            case API_KEY -> new RateLimitKey(Kind.API_KEY, principal.subject());
            case USER ->
                new RateLimitKey(Kind.USER, principal.userId() != null ? principal.userId() : principal.subject());
            case SDK, SERVICE ->
                new RateLimitKey(Kind.USER, principal.tokenType().wire() + ":" + principal.subject());
        };
    }

    public static RateLimitKey ip(String address) {
        return new RateLimitKey(Kind.IP, address);
    }

    /** A stable string form, e.g. {@code api_key:key_01…}, used as the bucket name. */
    public String asString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
