package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scopes;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.model.Exchanged;
import dev.stoa.identity.domain.model.IssuedToken;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.Revealed;
import dev.stoa.identity.domain.port.ApiKeyRepository;
import dev.stoa.identity.domain.port.CredentialLookups;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.MembershipRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * API keys: created by members (never more powerful than their creator), shown once, stored hashed, exchanged at
 * the gateway for short-lived platform tokens carrying the key's scopes.
 */
@Service
public final class ApiKeyService {
    /** Allowed lifetimes in days; null means the key never expires. */
    public static final Set<Integer> EXPIRY_DAYS = Set.of(30, 60, 90, 365);

    private final ApiKeyRepository keys;
    private final MembershipRepository members;
    private final CredentialLookups lookups;
    private final TokenIssuer tokens;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;
    private final IdentitySettings properties;
    private final Clock clock;

    public ApiKeyService(
            ApiKeyRepository keys,
            MembershipRepository members,
            CredentialLookups lookups,
            TokenIssuer tokens,
            IdentityEvents events,
            TransactionTemplate transactions,
            IdentitySettings properties,
            Clock clock) {
        this.keys = keys;
        this.members = members;
        this.lookups = lookups;
        this.tokens = tokens;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    public Page<ApiKey> list(Principal principal, PageRequest page) {
        principal.requireScope("credentials:read");
        return keys.list(principal.orgId(), page);
    }

    public Revealed<ApiKey> create(
            Principal principal, String name, List<String> scopes, @Nullable Integer expiresInDays) {
        principal.requireScope("credentials:write");
        principal.requireRole(Role.MEMBER);
        validateScopes(principal, scopes);
        if (expiresInDays != null && !EXPIRY_DAYS.contains(expiresInDays)) {
            throw new InvalidInputException("expires_in_days", "must be one of 30, 60, 90, 365, or null for never");
        }
        String userId = principal.userId() == null ? principal.subject() : principal.userId();
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String secret = Secrets.generate(Secrets.API_KEY_PREFIX);
            ApiKey key = new ApiKey(
                    Ids.generate("key"),
                    principal.orgId(),
                    name.strip(),
                    Secrets.last4(secret),
                    List.copyOf(scopes),
                    principal.role() == null ? Role.VIEWER : principal.role(),
                    userId,
                    now,
                    expiresInDays == null ? null : now.plusDays(expiresInDays),
                    null,
                    null);
            keys.insert(key, Secrets.sha256Hex(secret));
            events.audit(
                    principal.orgId(),
                    principal,
                    null,
                    "api_key.created",
                    "api_key",
                    key.id(),
                    Map.of("scopes", String.join(" ", scopes)));
            return new Revealed<>(key, secret);
        });
    }

    public void revoke(Principal principal, String keyId) {
        principal.requireScope("credentials:write");
        principal.requireRole(Role.MEMBER);
        transactions.executeWithoutResult(status -> {
            ApiKey key = Ids.isValid("key", keyId)
                    ? keys.find(principal.orgId(), keyId).orElseThrow(() -> new NotFoundException("api_key", keyId))
                    : null;
            if (key == null || key.revokedAt() != null) {
                throw new NotFoundException("api_key", keyId);
            }
            boolean own = key.createdBy().equals(principal.userId() == null ? principal.subject() : principal.userId());
            if (!own && (principal.role() == null || !principal.role().atLeast(Role.ADMIN))) {
                throw new PermissionDeniedException("insufficient_role", "only admins may revoke keys of others");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            keys.revoke(principal.orgId(), keyId, now)
                    .ifPresent(hash -> events.credentialRevoked(
                            principal.orgId(), keyId, "api_key", hash, now.plus(properties.exchangedTokenTtl())));
            events.audit(principal.orgId(), principal, null, "api_key.revoked", "api_key", keyId, Map.of());
        });
    }

    /**
     * Exchanges a presented key for a platform token. The key acts with the role it was created with, capped at
     * its creator's current role; a key whose creator left the org no longer works.
     */
    public Exchanged exchange(String secret) {
        if (!secret.startsWith(Secrets.API_KEY_PREFIX) || secret.length() > 200) {
            throw invalidKey();
        }
        String hash = Secrets.sha256Hex(secret);
        String orgId = lookups.orgOfApiKey(hash).orElseThrow(ApiKeyService::invalidKey);
        OffsetDateTime now = OffsetDateTime.now(clock);
        ApiKey key = keys.findByHash(orgId, hash).orElseThrow(ApiKeyService::invalidKey);
        if (key.revokedAt() != null
                || (key.expiresAt() != null && !key.expiresAt().isAfter(now))) {
            throw invalidKey();
        }
        Member creator = members.findByUser(orgId, key.createdBy())
                .filter(m -> m.status().equals("active"))
                .orElseThrow(ApiKeyService::invalidKey);
        Role role = creator.role().atLeast(key.role()) ? key.role() : creator.role();
        keys.touch(orgId, key.id(), now);
        Principal principal = new Principal(
                orgId, key.id(), key.createdBy(), role, Set.copyOf(key.scopes()), TokenType.API_KEY, key.id());
        IssuedToken token = tokens.issue(
                principal,
                properties.exchangedTokenTtl(),
                key.expiresAt() == null ? OffsetDateTime.MAX : key.expiresAt());
        return new Exchanged(token, principal);
    }

    private static void validateScopes(Principal principal, List<String> scopes) {
        if (scopes.isEmpty()) {
            throw new InvalidInputException("scopes", "must name at least one scope");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            if (!Scopes.isKnown(scope)) {
                throw new InvalidInputException(
                        "scopes[" + i + "]", "unknown scope; known: " + String.join(", ", Scopes.ALL));
            }
            if (!seen.add(scope)) {
                throw new InvalidInputException("scopes[" + i + "]", "is listed twice");
            }
            if (!principal.hasScope(scope)) {
                throw new PermissionDeniedException(
                        "insufficient_scope", "a key cannot grant scope " + scope + " it lacks itself");
            }
        }
    }

    private static UnauthenticatedException invalidKey() {
        return new UnauthenticatedException("invalid_api_key", "the API key is invalid, revoked or expired");
    }
}
