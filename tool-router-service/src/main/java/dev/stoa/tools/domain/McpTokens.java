package dev.stoa.tools.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.tools.domain.model.McpToken;
import dev.stoa.tools.domain.port.McpEndpointRepository;
import dev.stoa.tools.domain.port.McpTokenRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Personal access tokens of the MCP gateway ({@code stoa_pat_...}): a member creates one for some of the org's MCP
 * endpoints, for at most 365 days, and sees its secret once; only its SHA-256 is kept. Members list and revoke their
 * own tokens, admins and owners every token of the org.
 */
@Service
public final class McpTokens {
    public static final int MAX_DAYS = 365;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final McpTokenRepository tokens;
    private final McpEndpointRepository endpoints;
    private final Clock clock;

    public McpTokens(McpTokenRepository tokens, McpEndpointRepository endpoints, Clock clock) {
        this.tokens = tokens;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    /**
     * A token just created, with its secret (shown this once).
     *
     * @param secret the bearer token, {@code stoa_pat_...}
     */
    public record Created(McpToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token.id() + "]";
        }
    }

    public Created create(Principal principal, String name, List<String> endpointIds, int expiresInDays) {
        String orgId = Access.write(principal);
        if (expiresInDays < 1 || expiresInDays > MAX_DAYS) {
            throw new InvalidInputException("expires_in_days", "must be between 1 and " + MAX_DAYS);
        }
        List<String> ids = endpointIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            throw new InvalidInputException("endpoint_ids", "must name at least one MCP endpoint");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (endpoints.find(orgId, ids.get(i)).isEmpty()) {
                throw new InvalidInputException("endpoint_ids[" + i + "]", "the org has no MCP endpoint of this id");
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret =
                McpToken.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        OffsetDateTime now = now();
        McpToken token = new McpToken(
                Ids.generate("mpt"), orgId, name, ids, Access.actor(principal), now, now.plusDays(expiresInDays), null);
        tokens.insert(token, hash(secret));
        return new Created(token, secret);
    }

    /** The caller's tokens (every token of the org for admins and owners), newest first. */
    public List<McpToken> list(Principal principal) {
        String orgId = Access.read(principal);
        return tokens.list(orgId, seesAll(principal) ? null : Access.actor(principal));
    }

    /** Revokes a token of the caller's (any of the org's for admins and owners). */
    public void revoke(Principal principal, String tokenId) {
        String orgId = Access.write(principal);
        McpToken token = tokens.find(orgId, tokenId)
                .filter(t -> seesAll(principal) || t.userId().equals(Access.actor(principal)))
                .orElseThrow(() -> new NotFoundException("mcp token", tokenId));
        tokens.revoke(orgId, token.id(), now());
    }

    /** The live token behind {@code bearer} when it admits a client to the endpoint of the org. */
    public Optional<McpToken> authenticate(String bearer, String orgId, String endpointId) {
        if (!bearer.startsWith(McpToken.PREFIX) || bearer.length() > 200) {
            return Optional.empty();
        }
        return tokens.findByHash(hash(bearer)).filter(t -> t.admits(orgId, endpointId, clock.instant()));
    }

    /** The token behind {@code bearer}, live or not (the gateway learns the org from it). */
    public Optional<McpToken> lookup(String bearer) {
        if (!bearer.startsWith(McpToken.PREFIX) || bearer.length() > 200) {
            return Optional.empty();
        }
        return tokens.findByHash(hash(bearer));
    }

    private static boolean seesAll(Principal principal) {
        Role role = principal.role();
        return principal.isService() || (role != null && role.atLeast(Role.ADMIN));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
