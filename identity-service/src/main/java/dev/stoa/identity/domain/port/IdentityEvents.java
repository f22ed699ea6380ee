package dev.stoa.identity.domain.port;

import dev.stoa.common.auth.Principal;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The facts identity publishes, written in the caller's transaction so they go out exactly when the change commits:
 * audit facts, and credential revocations (gateways drop revoked credentials from their caches).
 */
public interface IdentityEvents {

    /** An audit fact done by {@code actor} (null when nobody is authenticated, e.g. register). */
    void audit(
            String orgId,
            @Nullable Principal actor,
            @Nullable String actorUserId,
            String action,
            String targetType,
            String targetId,
            Map<String, String> attributes);

    /** A revoked session, API key or SDK connection; tokens carrying {@code sessionId} die by {@code forgetAfter}. */
    void credentialRevoked(
            String orgId, String sessionId, String kind, String credentialHash, OffsetDateTime forgetAfter);
}
