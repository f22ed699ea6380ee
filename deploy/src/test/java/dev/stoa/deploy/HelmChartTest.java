package dev.stoa.deploy;

import static dev.stoa.deploy.Chart.DEFAULT_SERVICES;
import static dev.stoa.deploy.Chart.INSTALL_SECRETS;
import static dev.stoa.deploy.Chart.PRODUCTION;
import static dev.stoa.deploy.Chart.annotations;
import static dev.stoa.deploy.Chart.container;
import static dev.stoa.deploy.Chart.env;
import static dev.stoa.deploy.Chart.podSpec;
import static dev.stoa.deploy.ComposeFileTest.list;
import static dev.stoa.deploy.ComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** helm/stoa: lint --strict, template, the Kubernetes schemas, and what an operator relies on at the edge. */
class HelmChartTest {
    @TempDir
    Path tmp;

    @Test
    void lintStrictPassesWithInstallValuesAndWithTheProductionValues() throws IOException {
        // helm-java's lint takes no values file: lint copies whose values.yaml carries the values.
        for (Map<String, Object> overrides : List.<Map<String, Object>>of(
                Map.of(
                        "secrets",
                        Map.of(
                                "values",
                                Map.of("postgresql-admin-password", "pg-4a1b", "kafka-admin-password", "kafka-9c3d"))),
                new Yaml().load(Files.readString(PRODUCTION)))) {
            Path chart = Chart.copy(tmp);
            Yaml yaml = new Yaml();
            Map<String, Object> values = yaml.load(Files.readString(chart.resolve("values.yaml")));
            deepMerge(values, overrides);
            Files.writeString(chart.resolve("values.yaml"), yaml.dump(values));

            LintResult lint = new Helm(chart).lint().strict().call();

            assertThat(lint.isFailed())
                    .as(String.join("\n", lint.getMessages()))
                    .isFalse();
        }
    }

    @Test
    void renderedManifestsMatchTheKubernetesSchemas() throws Exception {
        for (Chart.Rendered rendered : List.of(
                Chart.render(tmp, INSTALL_SECRETS),
                Chart.render(tmp, t -> t.withValuesFile(PRODUCTION)),
                Chart.render(tmp, t -> INSTALL_SECRETS.apply(ChartServicesTest.allEnabled(t))))) {
            Tools.Result result = Chart.validateAgainstKubernetesSchemas(tmp, rendered.manifest());

            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.output().lines().filter(l -> l.startsWith("OK ")))
                    .hasSize(rendered.objects().size());
        }
    }

    @Test
    void kubernetesSchemaCheckNamesTheFieldOfABrokenObject() throws Exception {
        String manifest = Chart.render(tmp, INSTALL_SECRETS).manifest();
        String broken =
                manifest.replaceFirst("replicas: 1", "replicas: one").replaceFirst("protocol: TCP", "protocol: TCPX")
                        + "\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n";

        Tools.Result result = Chart.validateAgainstKubernetesSchemas(tmp, broken);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.output())
                .containsPattern("INVALID Deployment/stoa-[a-z-]+: spec.replicas: must be integer")
                .contains(": must be equal to one of the allowed values [\"SCTP\",\"TCP\",\"UDP\"]")
                .contains("INVALID Widget/w: no schema for apiVersion example.com/v1 kind Widget");
    }

    @Test
    void defaultValuesRenderTheLandedServicesAndNothingOptional() throws IOException {
        Chart.Rendered r = Chart.render(tmp, INSTALL_SECRETS);

        assertThat(r.names("Deployment")).containsExactlyInAnyOrderElementsOf(fullNames(DEFAULT_SERVICES));
        assertThat(r.names("Service"))
                .containsExactlyInAnyOrder(
                        "stoa-identity-service",
                        "stoa-identity-service-grpc",
                        "stoa-agent-service",
                        "stoa-agent-service-grpc",
                        "stoa-chat-service",
                        "stoa-chat-service-grpc",
                        "stoa-tool-router-service",
                        "stoa-tool-router-service-grpc",
                        "stoa-monitoring-service",
                        "stoa-monitoring-service-grpc",
                        "stoa-memory-service",
                        "stoa-memory-service-grpc",
                        "stoa-eval-service",
                        "stoa-eval-service-grpc",
                        "stoa-gateway");
        assertThat(r.names("Ingress")).isEmpty();
        assertThat(r.names("HorizontalPodAutoscaler")).isEmpty();
        assertThat(r.names("PodDisruptionBudget")).isEmpty();
        assertThat(r.names("ServiceMonitor")).isEmpty();
        assertThat(r.names("Secret")).containsExactlyInAnyOrder("stoa-secrets", "stoa-provisioning");
    }

    @Test
    void everyPodRunsLockedDownWithoutServiceLinks() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> INSTALL_SECRETS.apply(ChartServicesTest.allEnabled(t)));
        List<Map<String, Object>> pods = new ArrayList<>();
        r.all("Deployment").forEach(d -> pods.add(podSpec(d)));
        r.all("Job").forEach(j -> pods.add(podSpec(j)));
        r.all("Pod").forEach(p -> pods.add(map(p.get("spec"))));
        assertThat(pods).hasSizeGreaterThan(9 + 9 + 2);

        for (Map<String, Object> pod : pods) {
            assertThat(pod)
                    .containsEntry("enableServiceLinks", false)
                    .containsEntry("automountServiceAccountToken", false);
            assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
            for (Object item : list(pod.get("containers"))) {
                assertThat(map(map(item).get("securityContext")))
                        .containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true);
                assertThat(map(map(map(item).get("resources")).get("limits"))).containsKey("memory");
            }
        }
    }

    @Test
    void gatewayTrustsTheConfiguredProxiesAndIngressRequiresThem() throws IOException {
        Chart.Rendered production = Chart.render(tmp, t -> t.withValuesFile(PRODUCTION));

        assertThat(production.configData("gateway")).containsEntry("STOA_GATEWAY_TRUSTEDPROXIES", "10.0.0.0/8");
        assertThat(production.configData("agent-service")).doesNotContainKey("STOA_GATEWAY_TRUSTEDPROXIES");
        assertThat(Chart.render(tmp, INSTALL_SECRETS).configData("gateway"))
                .as("no proxies configured: none trusted (an empty list, not a list with an empty entry)")
                .doesNotContainKey("STOA_GATEWAY_TRUSTEDPROXIES");
        assertThatThrownBy(() -> Chart.render(tmp, t -> INSTALL_SECRETS.apply(t).set("ingress.enabled", true)))
                .hasMessageContaining("ingress.enabled needs ingress.trustedProxies");
    }

    @Test
    void ingressRoutesOnlyToTheGatewayAndRefusesASecondPublicService() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> t.withValuesFile(PRODUCTION));
        List<Object> backends = new ArrayList<>();
        for (Object rule : list(map(r.all("Ingress").getFirst().get("spec")).get("rules"))) {
            for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                backends.add(map(map(map(path).get("backend")).get("service")));
            }
        }
        assertThat(backends).isNotEmpty().containsOnly(Map.of("name", "stoa-gateway", "port", Map.of("name", "http")));

        assertThatThrownBy(() ->
                        Chart.render(tmp, t -> t.withValuesFile(PRODUCTION).set("services.agent-service.public", true)))
                .hasMessageContaining("exactly one enabled service with public: true");
    }

    @Test
    void gatewayDrainsBeforeStoppingAndGrpcGoesThroughHeadlessServices() throws IOException {
        Chart.Rendered r = Chart.render(tmp, INSTALL_SECRETS);

        Map<String, Object> gateway = r.deployment("gateway");
        assertThat(map(map(map(container(gateway).get("lifecycle")).get("preStop"))
                        .get("exec")))
                .containsEntry("command", List.of("sleep", "10"));
        assertThat((Integer) podSpec(gateway).get("terminationGracePeriodSeconds"))
                .isGreaterThan(10 + 30);
        assertThat(container(r.deployment("agent-service"))).doesNotContainKey("lifecycle");

        Map<String, Object> headless =
                map(r.get("Service", "stoa-identity-service-grpc").get("spec"));
        assertThat(headless).containsEntry("clusterIP", "None");
        assertThat(list(headless.get("ports"))).singleElement().satisfies(p -> assertThat(map(p))
                .containsEntry("name", "grpc")
                .containsEntry("port", 9081)
                .containsEntry("appProtocol", "grpc"));
        assertThat(r.configData("gateway"))
                .containsEntry("STOA_IDENTITY_GRPC", "dns:///stoa-identity-service-grpc:9081")
                .containsEntry("STOA_AGENT_GRPC", "dns:///stoa-agent-service-grpc:9082");
        assertThat(r.configData("identity-service"))
                .as("servers end connections so that clients re-resolve and reach new replicas")
                .containsEntry("SPRING_GRPC_SERVER_KEEPALIVE_CONNECTION_MAXAGE", "5m");
    }

    @Test
    void caBundlesAndExtraEnvReachEveryServiceAndProvisioningJob() throws IOException {
        Path values = tmp.resolve("ca.yaml");
        Files.writeString(values, """
                global:
                  extraVolumes: [{ name: ca, configMap: { name: corporate-ca } }]
                  extraVolumeMounts: [{ name: ca, mountPath: /etc/stoa/ca, readOnly: true }]
                  extraEnv: [{ name: PGSSLROOTCERT, value: /etc/stoa/ca/ca.crt }]
                postgresql: { parameters: "sslmode=verify-full&sslrootcert=/etc/stoa/ca/ca.crt", sslmode: verify-full }
                """);
        Chart.Rendered r = Chart.render(tmp, t -> INSTALL_SECRETS.apply(t).withValuesFile(values));

        List<Map<String, Object>> workloads = new ArrayList<>(r.all("Deployment"));
        workloads.addAll(r.all("Job"));
        // the services, the two provisioning jobs, one migration job per service with a database
        assertThat(workloads).hasSize(8 + 2 + 7);
        for (Map<String, Object> workload : workloads) {
            assertThat(list(podSpec(workload).get("volumes")))
                    .contains(Map.of("name", "ca", "configMap", Map.of("name", "corporate-ca")));
            assertThat(list(container(workload).get("volumeMounts")))
                    .contains(Map.of("name", "ca", "mountPath", "/etc/stoa/ca", "readOnly", true));
            assertThat(env(container(workload), "PGSSLROOTCERT")).containsEntry("value", "/etc/stoa/ca/ca.crt");
        }
        assertThat(r.configData("agent-service"))
                .containsEntry(
                        "SPRING_DATASOURCE_URL",
                        "jdbc:postgresql://postgresql:5432/stoa_agent?sslmode=verify-full&sslrootcert=/etc/stoa/ca/ca.crt");
        assertThat(env(container(r.get("Job", "stoa-provision-databases")), "PGSSLMODE"))
                .containsEntry("value", "verify-full");
    }

    @Test
    void productionValuesAutoscaleAndPodsRollWhenTheSecretChanges() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> t.withValuesFile(PRODUCTION));

        Set<String> scaled = new HashSet<>(DEFAULT_SERVICES);
        scaled.remove("tool-router-service"); // singleReplica: its SDK sockets cannot be shared between pods yet
        assertThat(r.names("HorizontalPodAutoscaler")).containsExactlyInAnyOrderElementsOf(fullNames(scaled));
        assertThat(r.names("PodDisruptionBudget")).containsExactlyInAnyOrderElementsOf(fullNames(scaled));
        assertThat(map(r.deployment("tool-router-service").get("spec"))).containsEntry("replicas", 1);
        r.all("Deployment").forEach(d -> {
            if (Chart.name(d).contains("tool-router")) {
                return;
            }
            assertThat(map(d.get("spec"))).doesNotContainKey("replicas");
            assertThat(annotations(map(map(d.get("spec")).get("template"))))
                    .containsKeys("checksum/config", "checksum/secret");
        });
        assertThat(container(r.deployment("identity-service")).get("image"))
                .isEqualTo("registry.example.com/stoa/identity-service:0.1.0");
    }

    @Test
    void valuesSchemaRejectsWrongTypesAndUnknownKeysNamingTheField() throws IOException {
        assertThatThrownBy(
                        () -> Chart.render(tmp, t -> INSTALL_SECRETS.apply(t).set("services.gateway.replicas", "two")))
                .hasMessageContaining("services/gateway/replicas")
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> Chart.render(tmp, t -> INSTALL_SECRETS.apply(t).set("replicaCount", 3)))
                .hasMessageContaining("additional properties 'replicaCount' not allowed");
        assertThatThrownBy(() -> Chart.render(tmp, t -> INSTALL_SECRETS.apply(t).set("services.chat-service.port", 1)))
                .hasMessageContaining("services/chat-service")
                .hasMessageContaining("'port' not allowed");

        Path chart = Chart.copy(tmp);
        Path valuesFile = chart.resolve("values.yaml");
        Files.writeString(
                valuesFile,
                Files.readString(valuesFile)
                        .replace("targetCPUUtilizationPercentage: 70", "targetCPUUtilizationPercentage: high"));
        LintResult lint = new Helm(chart).lint().strict().call();
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages()))
                .contains("serviceDefaults/autoscaling/targetCPUUtilizationPercentage");
    }

    static List<String> fullNames(java.util.Collection<String> services) {
        return services.stream().map(Chart::fullName).toList();
    }

    static void deepMerge(Map<String, Object> target, Map<String, Object> overrides) {
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && target.get(key) instanceof Map<?, ?>) {
                deepMerge(map(target.get(key)), map(value));
            } else {
                target.put(key, value);
            }
        });
    }
}
