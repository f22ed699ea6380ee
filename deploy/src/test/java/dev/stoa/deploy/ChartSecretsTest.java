package dev.stoa.deploy;

import static dev.stoa.deploy.Chart.INSTALL_SECRETS;
import static dev.stoa.deploy.Chart.NAMESPACE;
import static dev.stoa.deploy.Chart.PRODUCTION;
import static dev.stoa.deploy.Chart.annotations;
import static dev.stoa.deploy.Chart.container;
import static dev.stoa.deploy.Chart.env;
import static dev.stoa.deploy.Chart.secretKey;
import static dev.stoa.deploy.ComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets that last: reused across upgrades (lookup), never a hook, checked for missing keys, rolled by checksum. */
class ChartSecretsTest {
    @TempDir
    Path tmp;

    @AfterEach
    void emptyTheCluster() {
        FakeKubeApi.get().clear();
    }

    @Test
    void chartSecretIsAPlainResourceAndItsProvisioningCopyAHook() throws IOException {
        Chart.Rendered r = Chart.render(tmp, INSTALL_SECRETS);
        Map<String, Object> secret = r.get("Secret", "stoa-secrets");
        Map<String, Object> copy = r.get("Secret", "stoa-provisioning");

        assertThat(annotations(secret))
                .doesNotContainKey("stoa.test/hook")
                .containsEntry("helm.sh/resource-policy", "keep");
        assertThat(annotations(copy))
                .containsEntry("stoa.test/hook", "pre-install,pre-upgrade")
                .containsEntry("stoa.test/hook-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat(copy.get("data")).isEqualTo(secret.get("data"));
        Map<String, String> data = decoded(secret);
        assertThat(Base64.getDecoder().decode(data.get("secrets-key-v1")))
                .as("base64 of 32 bytes")
                .hasSize(32);
        assertThat(data).containsEntry("postgresql-admin-password", "pg-admin-0c7e");
        assertThat(map(map(r.deployment("gateway").get("spec")).get("template")).toString())
                .doesNotContain("pg-admin-0c7e");
    }

    @Test
    void upgradeReusesEveryValueInTheClusterAndAddsKeysForNewServices() throws IOException {
        Map<String, String> before = decoded(Chart.render(tmp, INSTALL_SECRETS).get("Secret", "stoa-secrets"));
        FakeKubeApi.get().putSecret(NAMESPACE, "stoa-secrets", before);

        Chart.Rendered upgrade = Chart.render(tmp, t -> t.set("services.chat-service.enabled", true));
        Map<String, String> after = decoded(upgrade.get("Secret", "stoa-secrets"));

        assertThat(after).containsAllEntriesOf(before);
        assertThat(after)
                .containsKeys(
                        "chat-service-db-owner-password",
                        "chat-service-db-app-password",
                        "chat-service-kafka-password",
                        "chat-service-client-secret");
        assertThat(after.get("chat-service-db-app-password"))
                .hasSize(32)
                .isNotEqualTo(before.get("agent-service-db-app-password"));
        assertThat(decoded(upgrade.get("Secret", "stoa-provisioning"))).isEqualTo(after);
    }

    @Test
    void podsRollWhenASecretValueChangesAndOnlyThen() throws IOException {
        Map<String, String> values = decoded(Chart.render(tmp, INSTALL_SECRETS).get("Secret", "stoa-secrets"));
        FakeKubeApi.get().putSecret(NAMESPACE, "stoa-secrets", values);
        String first = checksum(Chart.render(tmp, t -> t));
        String again = checksum(Chart.render(tmp, t -> t));
        Map<String, String> rotated = new HashMap<>(values);
        rotated.put("agent-service-db-app-password", "rotated-4e2a");
        FakeKubeApi.get().putSecret(NAMESPACE, "stoa-secrets", rotated);
        String afterRotation = checksum(Chart.render(tmp, t -> t));

        assertThat(again).isEqualTo(first);
        assertThat(afterRotation).isNotEqualTo(first);
    }

    @Test
    void aValueThatMustMatchSomethingOutsideTheChartIsNeverGenerated() {
        assertThatThrownBy(() -> Chart.render(tmp, t -> t.set("secrets.values.kafka-admin-password", "k")))
                .hasMessageContaining(
                        "Secret key \"postgresql-admin-password\" (PostgreSQL role postgres (provisioning))"
                                + " must match a value outside the chart: set secrets.values.postgresql-admin-password");
        assertThatThrownBy(() -> Chart.render(tmp, t -> INSTALL_SECRETS.apply(t).set("redis.host", "redis")))
                .hasMessageContaining("Secret key \"redis-password\" (Redis)");
    }

    @Test
    void existingSecretLackingKeysFailsNamingThem() throws IOException {
        Map<String, String> almost =
                new HashMap<>(decoded(Chart.render(tmp, INSTALL_SECRETS).get("Secret", "stoa-secrets")));
        almost.remove("agent-service-db-app-password");
        almost.remove("postgresql-admin-password");
        FakeKubeApi.get().putSecret(NAMESPACE, "managed", almost);

        assertThatThrownBy(() -> Chart.render(tmp, t -> t.set("secrets.existingSecret", "managed")))
                .hasMessageContaining("Secret managed (secrets.existingSecret) lacks keys the enabled services need:"
                        + " agent-service-db-app-password (role stoa_agent_app), postgresql-admin-password");

        almost.put("agent-service-db-app-password", "a");
        almost.put("postgresql-admin-password", "p");
        FakeKubeApi.get().putSecret(NAMESPACE, "managed", almost);
        Chart.Rendered r = Chart.render(tmp, t -> t.set("secrets.existingSecret", "managed"));
        assertThat(r.names("Secret")).as("the chart creates no Secret").isEmpty();
        assertThat(map(map(env(container(r.deployment("agent-service")), "SPRING_DATASOURCE_PASSWORD")
                                .get("valueFrom"))
                        .get("secretKeyRef")))
                .containsEntry("name", "managed");
        assertThat(map(map(env(
                                        container(r.get("Job", "stoa-provision-databases")),
                                        "STOA_DB_AGENT_SERVICE_APP_PASSWORD")
                                .get("valueFrom"))
                        .get("secretKeyRef")))
                .as("the hooks read the existing Secret directly")
                .containsEntry("name", "managed");
    }

    @Test
    void keyRingVersionsAndTheActiveOneComeFromValues() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> INSTALL_SECRETS
                .apply(t)
                .set("secrets.keyRing.versions[0]", "v1")
                .set("secrets.keyRing.versions[1]", "v2")
                .set("secrets.keyRing.activeVersion", "v2"));

        for (String service : List.of("identity-service", "agent-service")) {
            assertThat(r.configData(service))
                    .containsEntry("STOA_SECRETS_ACTIVEVERSION", "v2")
                    .doesNotContainKey("STOA_SECRETS_ACTIVE_VERSION");
            assertThat(secretKey(env(container(r.deployment(service)), "STOA_SECRETS_KEYS_V1")))
                    .isEqualTo("secrets-key-v1");
            assertThat(secretKey(env(container(r.deployment(service)), "STOA_SECRETS_KEYS_V2")))
                    .isEqualTo("secrets-key-v2");
        }
        assertThat(decoded(r.get("Secret", "stoa-secrets"))).containsKeys("secrets-key-v1", "secrets-key-v2");
        assertThat(r.configData("gateway")).doesNotContainKey("STOA_SECRETS_ACTIVEVERSION");
    }

    @Test
    void productionValuesReadAdminPasswordsFromThePlatformsSecrets() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> t.withValuesFile(PRODUCTION));

        assertThat(map(map(env(container(r.get("Job", "stoa-provision-databases")), "PGPASSWORD")
                                .get("valueFrom"))
                        .get("secretKeyRef")))
                .isEqualTo(Map.of("name", "postgres-provisioner", "key", "password"));
        assertThat(map(map(env(container(r.get("Job", "stoa-provision-kafka")), "KAFKA_ADMIN_PASSWORD")
                                .get("valueFrom"))
                        .get("secretKeyRef")))
                .isEqualTo(Map.of("name", "stoa-admin", "key", "password"));
        assertThat(secretKey(env(container(r.deployment("identity-service")), "STOA_SMTP_PASSWORD")))
                .isEqualTo("smtp-password");
        assertThat(r.configData("identity-service"))
                .containsEntry("STOA_SMTP_HOST", "smtp.example.com")
                .containsEntry("STOA_SMTP_USERNAME", "stoa");
        assertThat(r.configData("agent-service")).doesNotContainKey("STOA_SMTP_HOST");
    }

    private static String checksum(Chart.Rendered r) {
        return annotations(map(map(r.deployment("agent-service").get("spec")).get("template")))
                .get("checksum/secret")
                .toString();
    }

    static Map<String, String> decoded(Map<String, Object> secret) {
        Map<String, String> plain = new HashMap<>();
        map(secret.get("data"))
                .forEach((k, v) ->
                        plain.put(k, new String(Base64.getDecoder().decode(v.toString()), StandardCharsets.UTF_8)));
        return plain;
    }
}
