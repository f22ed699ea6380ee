package dev.stoa.identity.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.test.StoaKeycloak;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * deploy/keycloak/stoa-realm.json has what identity's Keycloak mode relies on. A file that is not JSON fails here
 * with the parser's line and column, before any Keycloak is started (Keycloak itself then refuses to start with
 * "Failed to run import" and the same parser message).
 */
class RealmFileTest {
    private final JsonNode realm = read();

    @Test
    void confidentialPlatformClientHasAServiceAccountAllowedToManageUsersAndPasswordLogins() {
        JsonNode platform = client("stoa-platform");
        assertThat(realm.path("realm").asString()).isEqualTo("stoa");
        assertThat(platform.path("publicClient").asBoolean(true)).isFalse();
        assertThat(platform.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(platform.path("directAccessGrantsEnabled").asBoolean()).isTrue();
        JsonNode serviceAccount = StreamSupport.stream(realm.path("users").spliterator(), false)
                .filter(u -> u.path("serviceAccountClientId").asString().equals("stoa-platform"))
                .findFirst()
                .orElseThrow();
        assertThat(serviceAccount.path("clientRoles").path("realm-management").values())
                .extracting(JsonNode::asString)
                .contains("manage-users", "view-users");
    }

    @Test
    void webClientIsPublicWithPkceS256AndLocalRedirects() {
        JsonNode web = client("stoa-web");
        assertThat(web.path("publicClient").asBoolean()).isTrue();
        assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asString())
                .isEqualTo("S256");
        assertThat(web.path("redirectUris").values())
                .extracting(JsonNode::asString)
                .contains("http://localhost:*");
    }

    @Test
    void bothClientsMapTheOrgAttributeIntoAccessTokens() {
        for (String clientId : List.of("stoa-platform", "stoa-web")) {
            JsonNode mapper = StreamSupport.stream(
                            client(clientId).path("protocolMappers").spliterator(), false)
                    .filter(m -> m.path("protocolMapper").asString().equals("oidc-usermodel-attribute-mapper"))
                    .findFirst()
                    .orElseThrow();
            assertThat(mapper.path("config").path("user.attribute").asString()).isEqualTo("org_id");
            assertThat(mapper.path("config").path("claim.name").asString()).isEqualTo("org_id");
            assertThat(mapper.path("config").path("access.token.claim").asString())
                    .isEqualTo("true");
        }
    }

    private JsonNode client(String clientId) {
        return StreamSupport.stream(realm.path("clients").spliterator(), false)
                .filter(c -> c.path("clientId").asString().equals(clientId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("client " + clientId + " missing from the realm"));
    }

    private static JsonNode read() {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(StoaKeycloak.realmFile()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
