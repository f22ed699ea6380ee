package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.auth.TokenType;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.identity.domain.model.Exchanged;
import dev.stoa.identity.domain.model.Revealed;
import dev.stoa.identity.domain.model.SdkConnection;
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
    private final SecretCredentials credentials;
    private final TokenIssuer tokens;
    private final TransactionTemplate transactions;
    private final IdentitySettings settings;
    private final Clock clock;

    SdkConnectionService(
            SdkConnectionRepository connections,
            SecretCredentials credentials,
            TokenIssuer tokens,
            TransactionTemplate transactions,
            IdentitySettings settings,
            Clock clock) {
        this.connections = connections;
        this.credentials = credentials;
        this.tokens = tokens;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    public Page<SdkConnection> list(Principal principal, PageRequest page) {
        principal.requireScope("credentials:read");
        return connections.list(principal.orgId(), page);
    }

    public Revealed<SdkConnection> create(Principal principal, String name) {
        principal.requireScope("credentials:write");
        principal.requireRole(Role.ADMIN);
        return transactions.execute(status -> credentials.create(
                principal,
                CredentialKind.SDK_CONNECTION,
                connections,
                created -> new SdkConnection(
                        created.id(),
                        principal.orgId(),
                        name.strip(),
                        created.last4(),
                        created.createdBy(),
                        created.createdAt(),
                        null,
                        null),
                Map.of()));
    }

    public void revoke(Principal principal, String connectionId) {
        principal.requireScope("credentials:write");
        principal.requireRole(Role.ADMIN);
        transactions.executeWithoutResult(status -> {
            if (!Ids.isValid(CredentialKind.SDK_CONNECTION.idPrefix, connectionId)
                    || !credentials.revoke(principal, CredentialKind.SDK_CONNECTION, connections, connectionId)) {
                throw new NotFoundException("sdk_connection", connectionId);
            }
        });
    }

    /** Exchanges an SDK secret for a platform token of type sdk (valid on the SDK socket only). */
    public Exchanged exchange(String secret) {
        SdkConnection connection =
                credentials.present(CredentialKind.SDK_CONNECTION, connections, secret, c -> c.revokedAt() == null);
        connections.touch(connection.orgId(), connection.id(), OffsetDateTime.now(clock));
        Principal principal = new Principal(
                connection.orgId(), connection.id(), null, null, Set.of(), TokenType.SDK, connection.id());
        return new Exchanged(tokens.issue(principal, settings.exchangedTokenTtl()), principal);
    }
}
