package dev.stoa.gateway.auth;

import dev.stoa.proto.events.v1.CredentialRevoked;
import java.util.function.Consumer;

/**
 * Told of every revocation by the shared {@link dev.stoa.revocation.RevocationListener}: drops the cached exchange of a
 * revoked API key or SDK secret, so its next use asks identity (and is refused) instead of reusing the token.
 */
public final class ExchangeEviction implements Consumer<CredentialRevoked> {
    private final CredentialExchanger exchanger;

    public ExchangeEviction(CredentialExchanger exchanger) {
        this.exchanger = exchanger;
    }

    @Override
    public void accept(CredentialRevoked event) {
        if (!event.getCredentialHash().isEmpty()) {
            exchanger.evict(event.getCredentialHash());
        }
    }
}
