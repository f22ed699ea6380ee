package dev.stoa.deploy;

import static dev.stoa.deploy.Chart.ALL_SERVICES;
import static dev.stoa.deploy.Chart.INSTALL_SECRETS;
import static dev.stoa.deploy.Chart.PRODUCTION;
import static dev.stoa.deploy.Chart.container;
import static dev.stoa.deploy.Chart.env;
import static dev.stoa.deploy.Chart.envs;
import static dev.stoa.deploy.Chart.fullName;
import static dev.stoa.deploy.Chart.secretKey;
import static dev.stoa.deploy.ComposeFileTest.list;
import static dev.stoa.deploy.ComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * One `services` entry is a service's whole deployment contract: with all nine entries enabled, every one of them
 * (the gateway too) gets its workload, Services, probes and metrics on the management port, provisioning, Secret keys,
 * gateway route and chart test, all derived from its entry.
 */
class ChartServicesTest {
    @TempDir
    Path tmp;

    static TemplateCommand allEnabled(TemplateCommand template) {
        TemplateCommand t = template;
        for (String service : ALL_SERVICES) {
            t = t.set("services." + service + ".enabled", true);
        }
        return t;
    }

    @Test
    void everyEntryRendersItsWorkloadServicesProbesMetricsAndChartTest() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> allEnabled(t.withValuesFile(PRODUCTION)));
        Map<String, Map<String, Object>> entries = entries();

        assertThat(r.names("Deployment")).containsExactlyInAnyOrderElementsOf(HelmChartTest.fullNames(ALL_SERVICES));
        for (String service : ALL_SERVICES) {
            Map<String, Object> entry = entries.get(service);
            Map<String, Object> ports = map(entry.get("ports"));
            Map<String, Object> container = container(r.deployment(service));
            assertThat(list(container.get("ports")))
                    .as(service)
                    .extracting(p -> map(p).get("name"))
                    .containsExactlyInAnyOrderElementsOf(ports.keySet());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(map(map(container.get(probe)).get("httpGet")))
                        .as(service + " " + probe + " asks the management port")
                        .containsEntry("port", "management");
            }
            assertThat(r.configData(service))
                    .containsEntry("SERVER_PORT", ports.get("http").toString())
                    .containsEntry(
                            "MANAGEMENT_SERVER_PORT", ports.get("management").toString());

            assertThat(list(map(r.get("Service", fullName(service)).get("spec")).get("ports")))
                    .extracting(p -> map(p).get("name"))
                    .containsExactly("http", "management");
            if (ports.containsKey("grpc")) {
                assertThat(map(r.get("Service", fullName(service) + "-grpc").get("spec")))
                        .containsEntry("clusterIP", "None");
                assertThat(r.configData("gateway"))
                        .containsEntry(
                                prefix(service) + "_GRPC",
                                "dns:///" + fullName(service) + "-grpc:" + ports.get("grpc"));
            }

            Map<String, Object> monitor =
                    map(r.get("ServiceMonitor", fullName(service)).get("spec"));
            assertThat(list(monitor.get("endpoints"))).singleElement().satisfies(e -> assertThat(map(e))
                    .containsEntry("port", "management")
                    .containsEntry("path", "/actuator/prometheus"));
            assertThat(metricsPorts(r, service))
                    .as(service + ": the NetworkPolicy opens the scraped port to Prometheus' namespace")
                    .containsExactly(ports.get("management"));

            Map<String, Object> test = r.get("Pod", "stoa-test-" + service);
            assertThat(Chart.annotations(test)).containsEntry("stoa.test/hook", "test");
            assertThat(String.join(
                            " ",
                            list(container(test).get("args")).stream()
                                    .map(Object::toString)
                                    .toList()))
                    .contains("http://" + fullName(service) + ":" + ports.get("management")
                            + "/actuator/health/readiness");
        }
    }

    @Test
    void everyEntryIsProvisionedFromItsDatabaseTopicsAndUser() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> INSTALL_SECRETS.apply(allEnabled(t)));
        Map<String, Map<String, Object>> entries = entries();
        Map<String, Object> databases = container(r.get("Job", "stoa-provision-databases"));
        Map<String, Object> kafka = container(r.get("Job", "stoa-provision-kafka"));
        Set<String> dbEntries =
                Set.of(env(databases, "STOA_DATABASES").get("value").toString().split(" "));
        Set<String> users =
                Set.of(env(kafka, "STOA_KAFKA_USERS").get("value").toString().split(" "));
        Map<String, String> topics = Arrays.stream(
                        env(kafka, "STOA_KAFKA_TOPICS").get("value").toString().split(" "))
                .collect(Collectors.toMap(e -> e.substring(0, e.indexOf(':')), e -> e));
        Set<String> secretKeys =
                map(r.get("Secret", "stoa-secrets").get("data")).keySet();

        for (String service : ALL_SERVICES) {
            Map<String, Object> entry = entries.get(service);
            Map<String, Object> container = container(r.deployment(service));
            if (entry.get("database") instanceof Map<?, ?> db) {
                assertThat(dbEntries)
                        .contains(service + ":" + db.get("name") + ":" + db.get("owner") + ":" + db.get("app"));
                assertThat(r.configData(service)).containsEntry("SPRING_DATASOURCE_USERNAME", db.get("app"));
                assertThat(secretKey(env(container, "SPRING_DATASOURCE_PASSWORD")))
                        .isEqualTo(service + "-db-app-password");
                assertThat(envs(container).stream().map(Chart::secretKey))
                        .as(service + ": running pods never hold the owner role")
                        .doesNotContain(service + "-db-owner-password");
                Map<String, Object> migrate = r.get("Job", "stoa-" + service + "-migrate");
                assertThat(Chart.annotations(migrate)).containsEntry("stoa.test/hook", "pre-install,pre-upgrade");
                assertThat(container(migrate).get("image")).isEqualTo(container.get("image"));
                assertThat(env(container(migrate), "STOA_MODE")).containsEntry("value", "migrate");
                assertThat(env(container(migrate), "STOA_DB_OWNER_USERNAME")).containsEntry("value", db.get("owner"));
                assertThat(secretKey(env(container(migrate), "STOA_DB_OWNER_PASSWORD")))
                        .isEqualTo(service + "-db-owner-password");
                assertThat(secretKeys).contains(service + "-db-owner-password", service + "-db-app-password");
            }
            for (Object topic : list(entry.getOrDefault("topics", List.of()))) {
                assertThat(topics).containsKey(topic.toString());
            }
            assertThat(users).contains(service + ":" + entry.get("kafkaUser"));
            assertThat(secretKey(env(container, "STOA_KAFKA_PASSWORD"))).isEqualTo(service + "-kafka-password");
            assertThat(env(container, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")
                            .get("value")
                            .toString())
                    .contains("username=\"" + entry.get("kafkaUser") + "\" password=\"$(STOA_KAFKA_PASSWORD)\"");
            assertThat(envs(container).indexOf(env(container, "STOA_KAFKA_PASSWORD")))
                    .as("$(VAR) expands only variables defined earlier")
                    .isLessThan(envs(container).indexOf(env(container, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")));
            assertThat(secretKeys).contains(service + "-kafka-password");
        }
        assertThat(topics)
                .containsEntry("stoa.audit.v1", "stoa.audit.v1:6:0:2592000000:delete")
                .containsEntry("stoa.sessions.v1", "stoa.sessions.v1:6:0:604800000:delete")
                .containsKeys(
                        "stoa.turns.v1",
                        "stoa.conversations.v1",
                        "stoa.toolcalls.v1",
                        "stoa.workflows.v1",
                        "stoa.agents.v1");
        assertThat(secretKeys).contains("postgresql-admin-password", "kafka-admin-password");
    }

    @Test
    void serviceCredentialsRoutesAndTopicSettingsComeFromTheEntries() throws IOException {
        Path values = tmp.resolve("topics.yaml");
        Files.writeString(values, """
                kafka:
                  topicDefaults: { partitions: 12, replicationFactor: 3 }
                  topics: { stoa.turns.v1: { retentionMs: 86400000, partitions: 24 } }
                """);
        Chart.Rendered r =
                Chart.render(tmp, t -> INSTALL_SECRETS.apply(allEnabled(t)).withValuesFile(values));
        Map<String, Map<String, Object>> entries = entries();
        Map<String, Object> identity = container(r.deployment("identity-service"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> routes = (Map<String, Map<String, Object>>) map(map(map(new Yaml()
                                        .load(r.configData("gateway")
                                                .get("SPRING_APPLICATION_JSON")
                                                .toString()))
                                .get("stoa"))
                        .get("gateway"))
                .get("routes");

        for (String service : ALL_SERVICES) {
            Map<String, Object> entry = entries.get(service);
            if (entry.get("credential") instanceof Map<?, ?> credential) {
                String clientId = credential.get("clientId").toString();
                assertThat(r.configData(service)).containsEntry("STOA_GRPC_SERVICECREDENTIAL_CLIENTID", clientId);
                assertThat(secretKey(env(container(r.deployment(service)), "STOA_GRPC_SERVICECREDENTIAL_CLIENTSECRET")))
                        .isEqualTo(service + "-client-secret");
                assertThat(secretKey(env(identity, "STOA_IDENTITY_SERVICECLIENTS_" + clientId.toUpperCase())))
                        .as("identity knows " + service + "'s credential")
                        .isEqualTo(service + "-client-secret");
            }
            if (entry.get("route") instanceof String route) {
                assertThat(routes.get(route))
                        .containsEntry("enabled", true)
                        .containsEntry(
                                "uri",
                                "http://" + fullName(service) + ":"
                                        + map(entry.get("ports")).get("http"));
            }
        }
        assertThat(env(container(r.get("Job", "stoa-provision-kafka")), "STOA_KAFKA_TOPICS")
                        .get("value")
                        .toString())
                .contains("stoa.turns.v1:24:3:86400000:delete", "stoa.audit.v1:12:3:2592000000:delete");
        assertThat(Files.readString(Chart.REPO.resolve("gateway/src/main/resources/gateway.yml")))
                .as("the tool-router route carries the SDK WebSocket")
                .contains("/ws/sdk/**");
    }

    @Test
    void disabledEntriesRenderNothingButTheGatewayRouteStaysOff() throws IOException {
        Chart.Rendered r = Chart.render(tmp, INSTALL_SECRETS);

        assertThat(r.objects()).noneMatch(o -> Chart.name(o).contains("workflow"));
        assertThat(r.configData("gateway").get("SPRING_APPLICATION_JSON").toString())
                .contains("\"workflow\":{\"enabled\":false")
                .contains("\"memory\":{\"enabled\":true")
                .contains("\"eval\":{\"enabled\":true")
                .contains("\"chat\":{\"enabled\":true")
                .contains("\"agent\":{\"enabled\":true");
        assertThat(r.configData("gateway"))
                .doesNotContainKey("STOA_WORKFLOW_URL")
                .containsKey("STOA_MEMORY_URL")
                .containsKey("STOA_EVAL_URL")
                .containsKey("STOA_CHAT_URL");
    }

    private static List<Object> metricsPorts(Chart.Rendered r, String service) {
        return list(map(r.get("NetworkPolicy", fullName(service)).get("spec")).get("ingress")).stream()
                .map(ComposeFileTest::map)
                .filter(rule -> rule.get("from") instanceof List<?> from
                        && from.stream().anyMatch(p -> String.valueOf(map(p).get("namespaceSelector"))
                                .contains("monitoring")))
                .flatMap(rule -> list(rule.get("ports")).stream().map(p -> map(p).get("port")))
                .toList();
    }

    static String prefix(String service) {
        return "STOA_" + service.replaceAll("-service$", "").toUpperCase().replace('-', '_');
    }

    static Map<String, Map<String, Object>> entries() throws IOException {
        Map<String, Object> values = new Yaml().load(Files.readString(Chart.CHART.resolve("values.yaml")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) values.get("services");
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(ALL_SERVICES);
        return services;
    }
}
