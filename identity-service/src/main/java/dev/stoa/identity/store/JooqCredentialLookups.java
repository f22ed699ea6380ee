package dev.stoa.identity.store;

import dev.stoa.identity.domain.port.CredentialLookups;
import dev.stoa.store.TenantTransactions;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Pre-authentication lookups: which org a presented credential belongs to, before any org can be set. Each is a
 * SECURITY DEFINER function (see the changelog) that returns only the org id.
 */
@Component
public final class JooqCredentialLookups implements CredentialLookups {
    private final TenantTransactions tx;

    public JooqCredentialLookups(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<String> orgOfRefreshToken(String tokenHash) {
        return lookup("identity_org_of_refresh_token", tokenHash);
    }

    @Override
    public Optional<String> orgOfInvite(String inviteHash) {
        return lookup("identity_org_of_invite", inviteHash);
    }

    @Override
    public boolean isCredentialRevoked(String sessionId) {
        return Boolean.TRUE.equals(tx.global(dsl -> dsl.resultQuery("select identity_credential_revoked(?)", sessionId)
                .fetchSingle(0, Boolean.class)));
    }

    private Optional<String> lookup(String function, String hash) {
        return lookup(tx, function, hash);
    }

    /** Calls a SECURITY DEFINER org lookup; {@code function} is a constant of the store, never input. */
    static Optional<String> lookup(TenantTransactions tx, String function, String hash) {
        return tx.global(dsl -> Optional.ofNullable(
                dsl.resultQuery("select " + function + "(?)", hash).fetchOne(0, String.class)));
    }
}
