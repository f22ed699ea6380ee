package dev.stoa.identity.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.stoa.common.crypto.SecretSealer;
import dev.stoa.common.id.Ids;
import dev.stoa.identity.domain.model.StoredSigningKey;
import dev.stoa.identity.domain.port.IdentitySettings;
import dev.stoa.identity.domain.port.SigningKeyRepository;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign platform tokens. The newest live key signs; every live key verifies and is published in
 * the JWKS, so a rotation never invalidates a token in flight. Keys older than the newest are retired once the
 * newest has signed for longer than any token lives. Private keys are stored sealed by the secret box.
 */
@Service
public final class SigningKeyService {
    private static final Logger log = LoggerFactory.getLogger(SigningKeyService.class);
    private static final Duration CACHE_TTL = Duration.ofSeconds(30);

    private final SigningKeyRepository repository;
    private final SecretSealer secretBox;
    private final TransactionTemplate transactions;
    private final IdentitySettings properties;
    private final Clock clock;
    private volatile KeyState state = new KeyState(List.of(), Instant.EPOCH);

    public SigningKeyService(
            SigningKeyRepository repository,
            SecretSealer secretBox,
            TransactionTemplate transactions,
            IdentitySettings properties,
            Clock clock) {
        this.repository = repository;
        this.secretBox = secretBox;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs new tokens (with its private half). */
    public RSAKey signingKey() {
        List<RSAKey> keys = keys();
        return keys.getFirst();
    }

    /** The public halves of every live key. */
    public JWKSet publicKeys() {
        return new JWKSet(keys().stream().map(k -> (JWK) k.toPublicJWK()).toList());
    }

    /** Creates a new signing key now; older keys keep verifying until retired. */
    public String rotate() {
        String kid = transactions.execute(status -> {
            repository.lock();
            return createKey();
        });
        reload();
        log.info("signing key rotated; new kid {}", kid);
        return kid;
    }

    /** Makes sure a fresh key exists and retires keys no token can still need; runs at start and periodically. */
    @Scheduled(
            initialDelayString = "${stoa.identity.signing-keys.check-interval:1h}",
            fixedDelayString = "${stoa.identity.signing-keys.check-interval:1h}")
    public void maintain() {
        transactions.executeWithoutResult(status -> {
            repository.lock();
            OffsetDateTime now = OffsetDateTime.now(clock);
            List<StoredSigningKey> live = repository.live();
            if (live.isEmpty()
                    || live.getFirst()
                            .createdAt()
                            .isBefore(now.minus(properties.signingKeys().rotationPeriod()))) {
                createKey();
                return;
            }
            Duration longestToken =
                    max(properties.accessTokenTtl(), properties.serviceTokenTtl(), properties.exchangedTokenTtl());
            if (live.getFirst().createdAt().isBefore(now.minus(longestToken).minusMinutes(1))) {
                repository.retireOlderThan(now, live.getFirst().kid(), now);
            }
        });
        reload();
    }

    private List<RSAKey> keys() {
        KeyState current = state;
        if (current.keys().isEmpty()
                || current.loadedAt().isBefore(clock.instant().minus(CACHE_TTL))) {
            if (current.keys().isEmpty()) {
                maintain();
            } else {
                reload();
            }
            current = state;
        }
        return current.keys();
    }

    private void reload() {
        List<RSAKey> keys = new ArrayList<>();
        for (StoredSigningKey record : repository.live()) {
            keys.add(keys.isEmpty() ? withPrivateKey(record) : parsePublic(record));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("no signing key");
        }
        state = new KeyState(List.copyOf(keys), clock.instant());
    }

    private String createKey() {
        try {
            String kid = Ids.generate("kid");
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
                    .generate();
            String sealed = secretBox.seal(key.toRSAPrivateKey().getEncoded(), "signing_key|" + kid);
            repository.insert(kid, sealed, key.toPublicJWK().toJSONString(), OffsetDateTime.now(clock));
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a signing key", e);
        }
    }

    private RSAKey withPrivateKey(StoredSigningKey record) {
        try {
            byte[] pkcs8 = secretBox.open(record.privateKeySealed(), "signing_key|" + record.kid());
            RSAPrivateKey privateKey =
                    (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new RSAKey.Builder(parsePublic(record))
                    .privateKey(privateKey)
                    .build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + record.kid() + " is unreadable", e);
        }
    }

    private static RSAKey parsePublic(StoredSigningKey record) {
        try {
            return RSAKey.parse(record.publicJwk());
        } catch (ParseException e) {
            throw new IllegalStateException("signing key " + record.kid() + " is unreadable", e);
        }
    }

    private static Duration max(Duration... durations) {
        Duration max = Duration.ZERO;
        for (Duration d : durations) {
            max = d.compareTo(max) > 0 ? d : max;
        }
        return max;
    }

    private record KeyState(List<RSAKey> keys, Instant loadedAt) {}
}
