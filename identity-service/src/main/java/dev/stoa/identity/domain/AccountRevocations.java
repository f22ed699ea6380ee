package dev.stoa.identity.domain;

import dev.stoa.identity.domain.model.RevokedCredential;
import dev.stoa.identity.domain.port.ApiKeyRepository;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.MembershipRepository;
import dev.stoa.identity.domain.port.SdkConnectionRepository;
import dev.stoa.identity.domain.port.SessionRepository;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Ends what an account holds, in one org or in every org it belongs to: its sessions, and (when its holder is not
 * trusted any more) the API keys and SDK connections it created. Every revocation reaches the gateways through the
 * outbox of the caller's transaction.
 */
@Component
final class AccountRevocations {
    private final MembershipRepository members;
    private final SessionRepository sessions;
    private final ApiKeyRepository apiKeys;
    private final SdkConnectionRepository sdkConnections;
    private final SecretCredentials credentials;
    private final IdentityEvents events;
    private final IdentitySettings settings;

    AccountRevocations(
            MembershipRepository members,
            SessionRepository sessions,
            ApiKeyRepository apiKeys,
            SdkConnectionRepository sdkConnections,
            SecretCredentials credentials,
            IdentityEvents events,
            IdentitySettings settings) {
        this.members = members;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.sdkConnections = sdkConnections;
        this.credentials = credentials;
        this.events = events;
        this.settings = settings;
    }

    /** Ends the user's sessions in one org (a role change, a removal). */
    void endSessions(String orgId, String userId, String reason, OffsetDateTime now) {
        endSessions(orgId, userId, null, reason, now);
    }

    /** Ends the user's sessions in every org it belongs to, except {@code keep} (the caller's own, or null). */
    void endSessionsEverywhere(String userId, @Nullable String keep, String reason, OffsetDateTime now) {
        for (String orgId : members.orgsOfUser(userId)) {
            endSessions(orgId, userId, keep, reason, now);
        }
    }

    /** Revokes the API keys and SDK connections the user created, in every org it belongs to. */
    void revokeCredentialsEverywhere(String userId, String reason, OffsetDateTime now) {
        for (String orgId : members.orgsOfUser(userId)) {
            for (RevokedCredential key : apiKeys.revokeAllOf(orgId, userId, now)) {
                credentials.announceRevoked(orgId, CredentialKind.API_KEY, key, now);
                events.audit(orgId, null, userId, "api_key.revoked", "api_key", key.id(), Map.of("reason", reason));
            }
            for (RevokedCredential connection : sdkConnections.revokeAllOf(orgId, userId, now)) {
                credentials.announceRevoked(orgId, CredentialKind.SDK_CONNECTION, connection, now);
                events.audit(
                        orgId,
                        null,
                        userId,
                        "sdk_connection.revoked",
                        "sdk_connection",
                        connection.id(),
                        Map.of("reason", reason));
            }
        }
    }

    private void endSessions(String orgId, String userId, @Nullable String keep, String reason, OffsetDateTime now) {
        for (String sessionId : sessions.liveSessionsOf(orgId, userId)) {
            if (!Objects.equals(sessionId, keep) && sessions.revoke(orgId, sessionId, reason, now)) {
                events.credentialRevoked(orgId, sessionId, "session", "", now.plus(settings.accessTokenTtl()));
            }
        }
    }
}
