package dev.stoa.test;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.id.Ids;
import java.util.Set;

/** Principals as identity-service would put them in platform tokens, for tests. */
public final class Principals {
    private Principals() {}

    /** A logged-in user with a fresh session id. */
    public static Principal user(String orgId, String userId, Role role) {
        return new Principal(orgId, userId, userId, role, Set.of(), TokenType.USER, Ids.generate("ses"));
    }

    /** An API key created by {@code userId}; its key id doubles as the session, so revoking the key revokes it. */
    public static Principal apiKey(String orgId, String keyId, String userId, Role role, Set<String> scopes) {
        return new Principal(orgId, keyId, userId, role, scopes, TokenType.API_KEY, keyId);
    }

    /** An SDK connection (valid on the SDK WebSocket only). */
    public static Principal sdk(String orgId, String connectionId) {
        return new Principal(orgId, connectionId, null, null, Set.of(), TokenType.SDK, connectionId);
    }

    /** A platform service acting across orgs. */
    public static Principal service(String clientId) {
        return new Principal("", clientId, null, null, Set.of(), TokenType.SERVICE, "");
    }
}
