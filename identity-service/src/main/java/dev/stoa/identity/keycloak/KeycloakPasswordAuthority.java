package dev.stoa.identity.keycloak;

import dev.stoa.common.error.FailedPreconditionException;
import dev.stoa.identity.domain.model.User;
import dev.stoa.identity.domain.port.PasswordAuthority;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keycloak mode: accounts and passwords live in the realm (identity keeps the Keycloak user id only). New accounts
 * carry the attribute {@code org_id}, which the realm maps into its access tokens.
 */
public final class KeycloakPasswordAuthority implements PasswordAuthority {
    private static final Logger log = LoggerFactory.getLogger(KeycloakPasswordAuthority.class);

    private final KeycloakClient keycloak;

    public KeycloakPasswordAuthority(KeycloakClient keycloak) {
        this.keycloak = keycloak;
    }

    @Override
    public Enrolled enroll(NewAccount account) {
        String name = account.name().strip();
        int space = name.lastIndexOf(' ');
        String first = space > 0 ? name.substring(0, space) : name;
        String last = space > 0 ? name.substring(space + 1) : "";
        String id = keycloak.createUser(
                account.email(), first, last, account.password(), Map.of("org_id", account.orgId()));
        return new Enrolled(null, id);
    }

    @Override
    public void discard(Enrolled enrolled) {
        if (enrolled.externalId() == null) {
            return;
        }
        try {
            keycloak.deleteUser(enrolled.externalId());
        } catch (RuntimeException e) {
            log.warn("could not delete Keycloak user {} after a failed registration", enrolled.externalId(), e);
        }
    }

    @Override
    public boolean verify(@Nullable User user, String email, String password) {
        // asked even for an unknown email, so both failures take the same path
        var subject = keycloak.checkPassword(email, password);
        return user != null
                && user.externalId() != null
                && subject.isPresent()
                && subject.get().equals(user.externalId());
    }

    @Override
    public String hashForChange(User user, String password) {
        // The realm owns passwords and its own reset and change flows (its account console, its mails).
        throw new FailedPreconditionException(
                "managed_by_identity_provider", "passwords are managed by the identity provider (Keycloak)");
    }

    @Override
    public boolean isActive(User user) {
        return user.externalId() != null && keycloak.isEnabled(user.externalId());
    }

    @Override
    public void endSessions(User user) {
        if (user.externalId() == null) {
            return;
        }
        try {
            keycloak.logout(user.externalId());
        } catch (RuntimeException e) {
            // identity's session is already revoked; Keycloak's ends on its own idle timeout
            log.warn("could not end the Keycloak sessions of user {}: {}", user.id(), e.toString());
        }
    }
}
