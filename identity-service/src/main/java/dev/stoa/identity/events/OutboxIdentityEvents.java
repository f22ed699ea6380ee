package dev.stoa.identity.events;

import com.google.protobuf.Timestamp;
import dev.stoa.common.auth.Principal;
import dev.stoa.events.Outbox;
import dev.stoa.events.Topics;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.proto.events.v1.AuditEvent;
import dev.stoa.proto.events.v1.CredentialRevoked;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * {@link IdentityEvents} through the transactional outbox, in the caller's transaction: audit facts to
 * {@code stoa.audit.v1} and credential revocations to {@code stoa.sessions.v1}.
 */
@Component
public final class OutboxIdentityEvents implements IdentityEvents {
    private final Outbox outbox;
    private final DSLContext dsl;
    private final Clock clock;

    public OutboxIdentityEvents(Outbox outbox, DSLContext dsl, Clock clock) {
        this.outbox = outbox;
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public void audit(
            String orgId,
            @Nullable Principal actor,
            @Nullable String actorUserId,
            String action,
            String targetType,
            String targetId,
            Map<String, String> attributes) {
        AuditEvent.Builder event = AuditEvent.newBuilder()
                .setOrgId(orgId)
                .setAction(action)
                .setTargetType(targetType)
                .setTargetId(targetId)
                .setOccurredAt(timestamp(clock.instant()))
                .putAllAttributes(attributes);
        if (actor != null) {
            event.setActorId(actor.subject()).setActorType(actor.tokenType().wire());
        } else if (actorUserId != null) {
            event.setActorId(actorUserId).setActorType("user");
        } else {
            event.setActorType("anonymous");
        }
        String requestId = MDC.get("request_id");
        if (requestId != null) {
            event.setRequestId(requestId);
        }
        outbox.append(dsl, Topics.AUDIT, orgId, "dev.stoa.audit." + action, targetId, event.build());
    }

    @Override
    public void credentialRevoked(
            String orgId, String sessionId, String kind, String credentialHash, OffsetDateTime forgetAfter) {
        CredentialRevoked event = CredentialRevoked.newBuilder()
                .setOrgId(orgId)
                .setSessionId(sessionId)
                .setKind(kind)
                .setCredentialHash(credentialHash)
                .setRevokedAt(timestamp(clock.instant()))
                .setForgetAfter(timestamp(forgetAfter.toInstant()))
                .build();
        outbox.append(dsl, Topics.SESSIONS, orgId, "dev.stoa.credential.revoked", sessionId, event);
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
