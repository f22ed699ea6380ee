package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.id.Ids;
import dev.stoa.identity.domain.model.Revealed;
import dev.stoa.identity.domain.model.RevokedCredential;
import dev.stoa.identity.domain.model.SecretCredential;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.SecretCredentialRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * What API keys and SDK connections share: a secret shown once and stored only as its hash, revocation that reaches
 * the gateways (they drop the credential's cached tokens), audit facts, and the check of a presented secret. Call
 * {@link #create} and {@link #revoke} inside the caller's transaction.
 */
@Component
final class SecretCredentials {
    private final IdentityEvents events;
    private final IdentitySettings settings;
    private final Clock clock;

    SecretCredentials(IdentityEvents events, IdentitySettings settings, Clock clock) {
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** The parts of a new credential that do not depend on its kind. */
    record NewCredential(String id, String last4, String createdBy, OffsetDateTime createdAt) {}

    /** Stores the credential {@code build} makes around a fresh secret and audits it; the secret is returned once. */
    <T extends SecretCredential> Revealed<T> create(
            Principal actor,
            CredentialKind kind,
            SecretCredentialRepository<T> repository,
            Function<NewCredential, T> build,
            Map<String, String> auditAttributes) {
        String secret = Secrets.generate(kind.secretPrefix);
        T credential = build.apply(new NewCredential(
                Ids.generate(kind.idPrefix), Secrets.last4(secret), actingUser(actor), OffsetDateTime.now(clock)));
        repository.insert(credential, Secrets.sha256Hex(secret));
        events.audit(actor.orgId(), actor, null, kind.wire + ".created", kind.wire, credential.id(), auditAttributes);
        return new Revealed<>(credential, secret);
    }

    /** Revokes a live credential, tells the gateways and audits it; false when it was not live. */
    boolean revoke(Principal actor, CredentialKind kind, SecretCredentialRepository<?> repository, String id) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        var hash = repository.revoke(actor.orgId(), id, now);
        if (hash.isEmpty()) {
            return false;
        }
        revoked(actor, kind, new RevokedCredential(id, hash.get()), now, Map.of());
        return true;
    }

    /** Tells the gateways about a credential just revoked by {@code actor} and audits it. */
    void revoked(
            Principal actor,
            CredentialKind kind,
            RevokedCredential revoked,
            OffsetDateTime now,
            Map<String, String> auditAttributes) {
        announceRevoked(actor.orgId(), kind, revoked, now);
        events.audit(actor.orgId(), actor, null, kind.wire + ".revoked", kind.wire, revoked.id(), auditAttributes);
    }

    /** Tells the gateways that a credential is revoked: tokens exchanged for it die with their short lifetime. */
    void announceRevoked(String orgId, CredentialKind kind, RevokedCredential revoked, OffsetDateTime now) {
        events.credentialRevoked(
                orgId, revoked.id(), kind.wire, revoked.secretHash(), now.plus(settings.exchangedTokenTtl()));
    }

    /** The credential a presented secret names if it is {@code live}; otherwise the kind's 401. */
    <T extends SecretCredential> T present(
            CredentialKind kind, SecretCredentialRepository<T> repository, String secret, Predicate<T> live) {
        if (!kind.looksLikeOurs(secret)) {
            throw kind.invalid();
        }
        String hash = Secrets.sha256Hex(secret);
        String orgId = repository.orgOfSecret(hash).orElseThrow(kind::invalid);
        return repository.findByHash(orgId, hash).filter(live).orElseThrow(kind::invalid);
    }

    /** The user a credential is created by: the caller, or for an API key the user it acts for. */
    static String actingUser(Principal principal) {
        return principal.userId() == null ? principal.subject() : principal.userId();
    }
}
