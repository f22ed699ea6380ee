package dev.stoa.tools.domain.port;

import dev.stoa.tools.domain.model.McpToken;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Personal access tokens of the MCP gateway, stored by the SHA-256 of their secret. */
public interface McpTokenRepository {
    void insert(McpToken token, String tokenHash);

    /** The token with this hash, whatever its org (the gateway knows the token, not its org). */
    Optional<McpToken> findByHash(String tokenHash);

    /** The org's tokens, newest first; only {@code userId}'s when not null. */
    List<McpToken> list(String orgId, @org.jspecify.annotations.Nullable String userId);

    Optional<McpToken> find(String orgId, String tokenId);

    /** Marks it revoked (once); false when it is not the org's. */
    boolean revoke(String orgId, String tokenId, OffsetDateTime at);
}
