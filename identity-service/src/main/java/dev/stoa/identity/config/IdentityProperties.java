package dev.stoa.identity.config;

import dev.stoa.identity.domain.port.IdentitySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the token issuer and its credentials ({@code stoa.identity.*}).
 *
 * @param serviceClients service credentials (client id to secret) that may obtain service tokens
 */
@ConfigurationProperties("stoa.identity")
public record IdentityProperties(
        @DefaultValue("builtin") String mode,
        @DefaultValue("stoa") String issuer,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("5m") Duration exchangedTokenTtl,
        @DefaultValue("15m") Duration serviceTokenTtl,
        @DefaultValue("7d") Duration inviteTtl,
        @DefaultValue("24h") Duration emailVerificationTtl,
        @DefaultValue("30m") Duration passwordResetTtl,
        @DefaultValue Mail mail,
        @DefaultValue Map<String, String> serviceClients,
        @DefaultValue Login login,
        @DefaultValue SigningKeys signingKeys,
        @DefaultValue Keycloak keycloak)
        implements IdentitySettings {

    public IdentityProperties {
        if (!mode.equals("builtin") && !mode.equals("keycloak")) {
            throw new IllegalArgumentException("stoa.identity.mode must be builtin or keycloak, not '" + mode + "'");
        }
        if (mode.equals("keycloak")
                && (keycloak.baseUrl().isBlank() || keycloak.clientSecret().isBlank())) {
            throw new IllegalArgumentException(
                    "keycloak mode needs stoa.identity.keycloak.base-url and stoa.identity.keycloak.client-secret");
        }
    }

    /**
     * Login throttling per email and client address: {@code freeAttempts}, then each further attempt waits
     * {@code baseDelay} doubled per attempt, at most {@code maxDelay}; the count starts over after {@code window}.
     */
    public record Login(
            @DefaultValue("5") int freeAttempts,
            @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("15m") Duration maxDelay,
            @DefaultValue("15m") Duration window)
            implements IdentitySettings.Login {}

    /**
     * Identity's mails.
     *
     * @param delivery {@code smtp} (Spring Mail, {@code spring.mail.*}) or {@code file} (an .eml file per mail in
     *     {@code directory}: the embedded default)
     * @param from the sender
     * @param publicUrl where the links in mails point (the platform's public URL)
     * @param logLinks whether each mail's one-time link is logged (embedded default only)
     * @param resendInterval at most one mail of a kind per account this often
     * @param perDay at most this many mails of a kind per account a day
     */
    public record Mail(
            @DefaultValue("smtp") String delivery,
            @DefaultValue("Stoa <no-reply@stoa.local>") String from,
            @DefaultValue("http://localhost:8080") String publicUrl,
            @DefaultValue("mail") String directory,
            @DefaultValue("false") boolean logLinks,
            @DefaultValue("60s") Duration resendInterval,
            @DefaultValue("5") int perDay)
            implements IdentitySettings.MailLimits {
        public Mail {
            if (!delivery.equals("smtp") && !delivery.equals("file")) {
                throw new IllegalArgumentException(
                        "stoa.identity.mail.delivery must be smtp or file, not '" + delivery + "'");
            }
        }
    }

    @Override
    public IdentitySettings.MailLimits mailLimits() {
        return mail;
    }

    @Override
    public String publicUrl() {
        return mail.publicUrl();
    }

    /**
     * Keycloak mode ({@code mode: keycloak}): where the realm lives and the confidential client identity uses (its
     * service account manages users; password logins go through its direct access grant).
     *
     * @param baseUrl Keycloak's URL as identity reaches it, e.g. {@code http://keycloak:8080}
     * @param issuer the {@code iss} of the realm's tokens when clients see Keycloak under another URL; empty means
     *     {@code <baseUrl>/realms/<realm>}
     * @param acceptedClients the clients ({@code azp}) whose access tokens are exchanged for platform tokens
     */
    public record Keycloak(
            @DefaultValue("") String baseUrl,
            @DefaultValue("stoa") String realm,
            @DefaultValue("stoa-platform") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("") String issuer,
            @DefaultValue({"stoa-platform", "stoa-web"}) List<String> acceptedClients,
            @DefaultValue("5s") Duration timeout,
            @DefaultValue("30s") Duration clockSkew) {
        public String realmUrl() {
            return stripSlash(baseUrl) + "/realms/" + realm;
        }

        public String effectiveIssuer() {
            return issuer.isBlank() ? realmUrl() : stripSlash(issuer);
        }

        public String adminUrl() {
            return stripSlash(baseUrl) + "/admin/realms/" + realm;
        }

        private static String stripSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        @Override
        public String toString() { // never print the client secret
            return "Keycloak[baseUrl=" + baseUrl + ", realm=" + realm + ", clientId=" + clientId + "]";
        }
    }

    /** Signing-key rotation: a new key every {@code rotationPeriod}; old keys stay in the JWKS while tokens live. */
    public record SigningKeys(
            @DefaultValue("30d") Duration rotationPeriod,
            @DefaultValue("1h") Duration checkInterval) implements IdentitySettings.SigningKeys {}
}
