package dev.stoa.tools.domain;

import dev.stoa.common.id.Ids;
import dev.stoa.tools.domain.port.SdkChannel;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The live SDK sessions of this instance. Several sessions of one SDK connection share its calls: each call goes to
 * the next live session (round-robin) that registered the tool and is not draining.
 */
@Component
public final class SdkSessions {
    private final Map<String, SdkSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final Clock clock;

    public SdkSessions(Clock clock) {
        this.clock = clock;
    }

    public SdkSession open(String orgId, String connectionId, String credentialId, SdkChannel channel) {
        SdkSession session =
                new SdkSession(Ids.generate("sds"), orgId, connectionId, credentialId, channel, clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /**
     * Closes every live session opened with a credential now revoked (the SDK connection was revoked): a socket's
     * token is checked once, at the handshake, so a revocation must reach the sockets already open. Returns how many.
     */
    public int closeRevoked(String credentialId) {
        if (credentialId.isEmpty()) {
            return 0;
        }
        List<SdkSession> revoked = sessions.values().stream()
                .filter(s -> s.credentialId().equals(credentialId))
                .toList();
        revoked.forEach(s -> s.close("credential revoked"));
        return revoked.size();
    }

    boolean remove(SdkSession session) {
        return sessions.remove(session.id()) != null;
    }

    /** The live sessions of one SDK connection. */
    List<SdkSession> ofConnection(String orgId, String connectionId) {
        return sessions.values().stream()
                .filter(s -> s.orgId().equals(orgId) && s.connectionId().equals(connectionId))
                .toList();
    }

    /** The next session serving {@code toolName} for the connection, other than {@code except}, round-robin. */
    Optional<SdkSession> pick(String orgId, String connectionId, String toolName, Collection<String> except) {
        List<SdkSession> live = ofConnection(orgId, connectionId).stream()
                .filter(s -> s.serves(toolName) && !except.contains(s.id()))
                .sorted(java.util.Comparator.comparing(SdkSession::id))
                .toList();
        if (live.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(live.get((int) Math.floorMod(next.getAndIncrement(), (long) live.size())));
    }

    /** The live sessions of the connection serving the tool. */
    List<SdkSession> serving(String orgId, String connectionId, String toolName) {
        return ofConnection(orgId, connectionId).stream()
                .filter(s -> s.serves(toolName))
                .toList();
    }

    /** Whether any live session of the connection serves the tool. */
    public boolean online(String orgId, String connectionId, String toolName) {
        return ofConnection(orgId, connectionId).stream().anyMatch(s -> s.serves(toolName));
    }

    public int count() {
        return sessions.size();
    }
}
