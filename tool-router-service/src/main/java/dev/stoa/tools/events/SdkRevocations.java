package dev.stoa.tools.events;

import dev.stoa.proto.events.v1.CredentialRevoked;
import dev.stoa.tools.domain.SdkSessions;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Told of every revocation by stoa-revocation's listener (after the registry refuses the credential for new requests):
 * closes the SDK sockets still open with it, so a revoked SDK connection stops receiving calls at once.
 */
@Component
public final class SdkRevocations implements Consumer<CredentialRevoked> {
    private static final Logger log = LoggerFactory.getLogger(SdkRevocations.class);

    private final SdkSessions sessions;

    public SdkRevocations(SdkSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void accept(CredentialRevoked revoked) {
        int closed = sessions.closeRevoked(revoked.getSessionId());
        if (closed > 0) {
            log.info("closed {} SDK session(s) of a revoked credential in org {}", closed, revoked.getOrgId());
        }
    }
}
