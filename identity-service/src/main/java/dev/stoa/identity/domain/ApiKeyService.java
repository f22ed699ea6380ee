package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.Scopes;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.PermissionDeniedException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.ApiKey;
import dev.stoa.identity.domain.model.Exchanged;
import dev.stoa.identity.domain.model.IssuedToken;
import dev.stoa.identity.domain.model.Member;
import dev.stoa.identity.domain.model.Revealed;
import dev.stoa.identity.domain.model.RevokedCredential;
import dev.stoa.identity.domain.port.ApiKeyRepository;
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
    private final SecretCredentials credentials;
    private final TokenIssuer tokens;
    private final TransactionTemplate transactions;
    private final IdentitySettings settings;
    private final Clock clock;

    ApiKeyService(
            ApiKeyRepository keys,
            MembershipRepository members,
            SecretCredentials credentials,
            TokenIssuer tokens,
            TransactionTemplate transactions,
            IdentitySettings settings,
            Clock clock) {
        this.keys = keys;
        this.members = members;
        this.credentials = credentials;
        this.tokens = tokens;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    public Page<ApiKey> list(Principal principal, PageRequest page) {
        principal.requireScope("credentials:read");
        return keys.list(principal.orgId(), page);
    }

    /**
     * Creates a key. A key minted by a key never outgrows its parent: at most the parent's scopes and expiry, and it
     * is revoked with the parent.
     */
    public Revealed<ApiKey> create(
            Principal principal, String name, List<String> scopes, @Nullable Integer expiresInDays) {
        principal.requireScope("credentials:write");
        principal.requireRole(Role.MEMBER);
        validateScopes(principal, scopes);
        if (expiresInDays != null && !EXPIRY_DAYS.contains(expiresInDays)) {
            throw new InvalidInputException("expires_in_days", "must be one of 30, 60, 90, 365, or null for never");
        }
        String parentKeyId = principal.tokenType() == TokenType.API_KEY ? principal.sessionId() : null;
        return transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime parentExpiry = null;
            if (parentKeyId != null) {
                ApiKey parent = keys.find(principal.orgId(), parentKeyId)
                        .filter(k -> k.revokedAt() == null
                                && (k.expiresAt() == null || k.expiresAt().isAfter(now)))
                        .orElseThrow(CredentialKind.API_KEY::invalid);
                parentExpiry = parent.expiresAt();
            }
            OffsetDateTime cap = parentExpiry;
            return credentials.create(
                    principal,
                    CredentialKind.API_KEY,
                    keys,
                    created -> new ApiKey(
                            created.id(),
                            principal.orgId(),
                            name.strip(),
                            created.last4(),
                            List.copyOf(scopes),
                            principal.role() == null ? Role.VIEWER : principal.role(),
                            created.createdBy(),
                            created.createdAt(),
                            earliest(
                                    expiresInDays == null
                                            ? null
                                            : created.createdAt().plusDays(expiresInDays),
                                    cap),
                            null,
                            null,
                            parentKeyId),
                    parentKeyId == null
                            ? Map.of("scopes", String.join(" ", scopes))
                            : Map.of("scopes", String.join(" ", scopes), "parent_key_id", parentKeyId));
        });
    }

    /** Revokes a key and every key minted from it (own keys: members; anyone's: admins). */
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
            boolean own = key.createdBy().equals(SecretCredentials.actingUser(principal));
            if (!own && (principal.role() == null || !principal.role().atLeast(Role.ADMIN))) {
                throw new PermissionDeniedException("insufficient_role", "only admins may revoke keys of others");
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            for (RevokedCredential revoked : keys.revokeWithDescendants(principal.orgId(), keyId, now)) {
                credentials.revoked(
                        principal,
                        CredentialKind.API_KEY,
                        revoked,
                        now,
                        revoked.id().equals(keyId) ? Map.of() : Map.of("revoked_with", keyId));
            }
        });
    }

    /** The earlier of two expiries; null means never. */
    private static @Nullable OffsetDateTime earliest(@Nullable OffsetDateTime a, @Nullable OffsetDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /**
     * Exchanges a presented key for a platform token. The key acts with the role it was created with, capped at
     * its creator's current role; a key whose creator left the org no longer works.
     */
    public Exchanged exchange(String secret) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        ApiKey key = credentials.present(
                CredentialKind.API_KEY,
                keys,
                secret,
                k -> k.revokedAt() == null
                        && (k.expiresAt() == null || k.expiresAt().isAfter(now)));
        String orgId = key.orgId();
        Member creator = members.findByUser(orgId, key.createdBy())
                .filter(m -> m.status().equals("active"))
                .orElseThrow(CredentialKind.API_KEY::invalid);
        Role role = creator.role().atLeast(key.role()) ? key.role() : creator.role();
        keys.touch(orgId, key.id(), now);
        Principal principal = new Principal(
                orgId, key.id(), key.createdBy(), role, Set.copyOf(key.scopes()), TokenType.API_KEY, key.id());
        IssuedToken token = tokens.issue(
                principal,
                settings.exchangedTokenTtl(),
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
}
