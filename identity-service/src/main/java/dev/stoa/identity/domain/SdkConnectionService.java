package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.error.UnauthenticatedException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.Exchanged;
import dev.stoa.identity.domain.model.Revealed;
import dev.stoa.identity.domain.model.SdkConnection;
import dev.stoa.identity.domain.port.CredentialLookups;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.SdkConnectionRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** SDK connections: their secret (shown once) opens the SDK WebSocket and nothing else. Admins manage them. */
@Service
public final class SdkConnectionService {
    private final SdkConnectionRepository connections;
    private final CredentialLookups lookups;
    private final TokenIssuer tokens;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;
    private final IdentitySettings properties;
    private final Clock clock;

    public SdkConnectionService(
            SdkConnectionRepository connections,
            CredentialLookups lookups,
            TokenIssuer tokens,
            IdentityEvents events,
            TransactionTemplate transactions,
            IdentitySettings properties,
            Clock clock) {
        this.connections = connections;
        this.lookups = lookups;
        this.tokens = tokens;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    public Page<SdkConnection> list(Principal principal, PageRequest page) {
        principal.requireScope("credentials:read");
        return connections.list(principal.orgId(), page);
    }

    public Revealed<SdkConnection> create(Principal principal, String name) {
        principal.requireScope("credentials:write");
        principal.requireRole(Role.ADMIN);
        return transactions.execute(status -> {
            String secret = Secrets.generate(Secrets.SDK_SECRET_PREFIX);
            SdkConnection connection = new SdkConnection(
                    Ids.generate("sdk"),
                    principal.orgId(),
                    name.strip(),
                    Secrets.last4(secret),
                    principal.userId() == null ? principal.subject() : principal.userId(),
                    OffsetDateTime.now(clock),
                    null,
                    null);
            connections.insert(connection, Secrets.sha256Hex(secret));
            events.audit(
                    principal.orgId(),
                    principal,
                    null,
                    "sdk_connection.created",
                    "sdk_connection",
                    connection.id(),
                    Map.of());
            return new Revealed<>(connection, secret);
        });
    }

    public void revoke(Principal principal, String connectionId) {
        principal.requireScope("credentials:write");
        principal.requireRole(Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            String hash = Ids.isValid("sdk", connectionId)
                    ? connections.revoke(principal.orgId(), connectionId, now).orElse(null)
                    : null;
            if (hash == null) {
                throw new NotFoundException("sdk_connection", connectionId);
            }
            events.credentialRevoked(
                    principal.orgId(), connectionId, "sdk_connection", hash, now.plus(properties.exchangedTokenTtl()));
            events.audit(
                    principal.orgId(),
                    principal,
                    null,
                    "sdk_connection.revoked",
                    "sdk_connection",
                    connectionId,
                    Map.of());
        });
    }

    /** Exchanges an SDK secret for a platform token of type sdk (valid on the SDK socket only). */
    public Exchanged exchange(String secret) {
        if (!secret.startsWith(Secrets.SDK_SECRET_PREFIX) || secret.length() > 200) {
            throw invalidSecret();
        }
        String hash = Secrets.sha256Hex(secret);
        String orgId = lookups.orgOfSdkConnection(hash).orElseThrow(SdkConnectionService::invalidSecret);
        SdkConnection connection = connections
                .findByHash(orgId, hash)
                .filter(c -> c.revokedAt() == null)
                .orElseThrow(SdkConnectionService::invalidSecret);
        connections.touch(orgId, connection.id(), OffsetDateTime.now(clock));
        Principal principal =
                new Principal(orgId, connection.id(), null, null, Set.of(), TokenType.SDK, connection.id());
        return new Exchanged(tokens.issue(principal, properties.exchangedTokenTtl()), principal);
    }

    private static UnauthenticatedException invalidSecret() {
        return new UnauthenticatedException("invalid_sdk_secret", "the SDK secret is invalid or revoked");
    }
}
