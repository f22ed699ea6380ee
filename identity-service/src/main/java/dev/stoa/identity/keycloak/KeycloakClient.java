package dev.stoa.identity.keycloak;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import dev.stoa.identity.config.IdentityProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of Keycloak's REST API identity uses, over the JDK HTTP client: the token endpoint (client credentials
 * for the service account, password grant for logins) and the Admin REST API (users, sessions). Secrets and tokens
 * are never logged; errors carry Keycloak's status and error code only.
 */
public final class KeycloakClient {
    private static final Logger log = LoggerFactory.getLogger(KeycloakClient.class);
    private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

    private final IdentityProperties.Keycloak settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private volatile @Nullable CachedToken serviceToken;

    public KeycloakClient(IdentityProperties.Keycloak settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The password grant: the Keycloak user id ({@code sub}) when the password is right, empty when it is not. */
    public Optional<String> checkPassword(String username, String password) {
        HttpResponse<String> response = send(form(
                tokenEndpoint(),
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        settings.clientId(),
                        "client_secret",
                        settings.clientSecret(),
                        "username",
                        username,
                        "password",
                        password,
                        "scope",
                        "openid")));
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            return Optional.empty(); // invalid_grant: wrong password, unknown or disabled user
        }
        JsonNode body = expect(response, 200, "password grant");
        // the token came straight from Keycloak over our own connection: its payload needs no signature check here
        JsonNode claims = payload(body.path("access_token").asString());
        String sub = claims.path("sub").asString();
        return sub.isEmpty() ? Optional.empty() : Optional.of(sub);
    }

    /** Creates an enabled user with a verified email, a password and attributes; returns its id. */
    public String createUser(
            String email, String firstName, String lastName, String password, Map<String, String> attributes) {
        Map<String, Object> user = Map.of(
                "username",
                email,
                "email",
                email,
                "emailVerified",
                true,
                "enabled",
                true,
                "firstName",
                firstName,
                "lastName",
                lastName,
                "attributes",
                attributes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                "credentials",
                List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> response = send(admin("POST", "/users", user));
        if (response.statusCode() == 409) {
            throw new StoaException(
                    ErrorKind.CONFLICT,
                    "email_taken",
                    "an account with this email already exists",
                    false,
                    List.of(),
                    null);
        }
        if (response.statusCode() == 400) {
            // Keycloak's password policy or user profile refused the user
            throw new StoaException(
                    ErrorKind.INVALID_ARGUMENT,
                    "invalid_account",
                    "Keycloak refused the account: " + errorOf(response),
                    false,
                    List.of(),
                    null);
        }
        if (response.statusCode() != 201) {
            throw failure("create user", response);
        }
        String location = response.headers().firstValue("Location").orElseThrow(() -> failure("create user", response));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    public void deleteUser(String userId) {
        HttpResponse<String> response = send(admin("DELETE", "/users/" + encode(userId), null));
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw failure("delete user", response);
        }
    }

    /** Whether the user exists and is enabled. */
    public boolean isEnabled(String userId) {
        HttpResponse<String> response = send(admin("GET", "/users/" + encode(userId), null));
        if (response.statusCode() == 404) {
            return false;
        }
        return expect(response, 200, "get user").path("enabled").asBoolean(false);
    }

    /** Sets {@code enabled} on a user (administration and tests). */
    public void setEnabled(String userId, boolean enabled) {
        HttpResponse<String> response = send(admin("PUT", "/users/" + encode(userId), Map.of("enabled", enabled)));
        if (response.statusCode() != 204) {
            throw failure("update user", response);
        }
    }

    /** Ends all of the user's Keycloak sessions. */
    public void logout(String userId) {
        HttpResponse<String> response = send(admin("POST", "/users/" + encode(userId) + "/logout", null));
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw failure("logout user", response);
        }
    }

    /** The number of the user's live Keycloak sessions. */
    public int sessionCount(String userId) {
        return expect(send(admin("GET", "/users/" + encode(userId) + "/sessions", null)), 200, "user sessions")
                .size();
    }

    /**
     * Checks at start that the realm exists and the client can act for identity: the discovery document answers,
     * the service account gets a token and may read users. Throws with a message naming what is wrong.
     */
    public void checkRealm() {
        String where = "Keycloak realm '" + settings.realm() + "' at " + settings.baseUrl();
        HttpResponse<String> discovery;
        try {
            discovery = discovery();
        } catch (StoaException e) {
            throw new KeycloakUnreachableException(where + " cannot be reached (" + e.getCause() + ")", e);
        }
        if (discovery.statusCode() != 200) {
            throw new IllegalStateException(where + " does not exist (discovery answered HTTP " + discovery.statusCode()
                    + "); import deploy/keycloak/stoa-realm.json");
        }
        String issuer = json.readTree(discovery.body()).path("issuer").asString();
        if (!issuer.equals(settings.effectiveIssuer())) {
            log.warn(
                    "{} names its issuer {}, identity expects {}; set stoa.identity.keycloak.issuer",
                    where,
                    issuer,
                    settings.effectiveIssuer());
        }
        try {
            serviceToken();
        } catch (StoaException e) {
            throw new IllegalStateException(
                    where + ": client '" + settings.clientId()
                            + "' cannot obtain a service-account token ("
                            + (e.getCause() == null
                                    ? e.getMessage()
                                    : e.getCause().getMessage())
                            + "); check stoa.identity.keycloak.client-id/client-secret and that the client is confidential"
                            + " with service accounts enabled",
                    e);
        }
        HttpResponse<String> users = send(admin("GET", "/users?max=1", null));
        if (users.statusCode() != 200) {
            throw new IllegalStateException(where + ": the service account of '" + settings.clientId()
                    + "' may not read users (HTTP " + users.statusCode()
                    + "); grant it realm-management manage-users and view-users");
        }
    }

    /** Whether the realm answers its discovery document now (the readiness probe's question). */
    public boolean realmReachable() {
        try {
            return discovery().statusCode() == 200;
        } catch (StoaException e) {
            return false;
        }
    }

    private HttpResponse<String> discovery() {
        return send(HttpRequest.newBuilder(URI.create(settings.realmUrl() + "/.well-known/openid-configuration"))
                .timeout(settings.timeout())
                .GET()
                .build());
    }

    /** Keycloak did not answer at all: an outage to wait out (not ready), not a misconfiguration to fail on. */
    public static final class KeycloakUnreachableException extends IllegalStateException {
        KeycloakUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private String serviceToken() {
        CachedToken cached = serviceToken;
        Instant now = clock.instant();
        if (cached != null && cached.expiresAt().isAfter(now.plus(TOKEN_MARGIN))) {
            return cached.value();
        }
        synchronized (this) {
            cached = serviceToken;
            if (cached != null && cached.expiresAt().isAfter(now.plus(TOKEN_MARGIN))) {
                return cached.value();
            }
            HttpResponse<String> response = send(form(
                    tokenEndpoint(),
                    Map.of(
                            "grant_type", "client_credentials",
                            "client_id", settings.clientId(),
                            "client_secret", settings.clientSecret())));
            JsonNode body = expect(response, 200, "service-account token");
            CachedToken fresh = new CachedToken(
                    body.path("access_token").asString(),
                    now.plusSeconds(body.path("expires_in").asLong(60)));
            serviceToken = fresh;
            return fresh.value();
        }
    }

    private URI tokenEndpoint() {
        return URI.create(settings.realmUrl() + "/protocol/openid-connect/token");
    }

    private HttpRequest form(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest admin(String method, String path, @Nullable Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.adminUrl() + path))
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + serviceToken());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return request.build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private JsonNode expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw failure(what, response);
        }
        return json.readTree(response.body());
    }

    private JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalStateException("Keycloak returned a token that is not a JWT");
        }
        return json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
    }

    private String errorOf(HttpResponse<String> response) {
        try {
            JsonNode body = json.readTree(response.body());
            for (String field : List.of("errorMessage", "error_description", "error")) {
                if (body.hasNonNull(field)) {
                    return body.path(field).asString();
                }
            }
        } catch (RuntimeException e) {
            // not JSON
        }
        return "HTTP " + response.statusCode();
    }

    private StoaException failure(String what, HttpResponse<String> response) {
        String error = errorOf(response);
        log.warn("Keycloak {} failed: HTTP {} {}", what, response.statusCode(), error);
        return new StoaException(
                ErrorKind.UNAVAILABLE,
                "keycloak_unavailable",
                "the identity provider cannot be used right now",
                true,
                List.of(),
                new IllegalStateException("Keycloak " + what + ": HTTP " + response.statusCode() + " " + error));
    }

    private static StoaException unavailable(Exception cause) {
        log.warn("Keycloak cannot be reached: {}", cause.toString());
        return new StoaException(
                ErrorKind.UNAVAILABLE,
                "keycloak_unavailable",
                "the identity provider cannot be reached right now",
                true,
                List.of(),
                cause);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record CachedToken(String value, Instant expiresAt) {}
}
