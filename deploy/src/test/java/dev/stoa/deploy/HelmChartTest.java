package dev.stoa.deploy;

import static dev.stoa.deploy.ComposeFileTest.list;
import static dev.stoa.deploy.ComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** helm/stoa through helm-java's embedded Helm: lint --strict, template, and assertions on the rendered objects. */
class HelmChartTest {
    private static final Path REPO = Tools.repo();
    private static final Path CHART = REPO.resolve("helm/stoa");
    private static final Path PRODUCTION = REPO.resolve("deploy/helm/values-production.yaml");
    private static final String RELEASE = "stoa";
    private static final Set<String> SERVICES = Set.of("identity-service", "agent-service", "gateway");

    @TempDir
    Path tmp;

    @Test
    void lintStrictPassesWithTheDefaultValues() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void lintStrictPassesWithTheProductionValues() throws IOException {
        // helm-java's lint takes no values file: lint a copy whose values.yaml is the defaults merged with production.
        Path chart = copyChart();
        Yaml yaml = new Yaml();
        Map<String, Object> values = yaml.load(Files.readString(chart.resolve("values.yaml")));
        deepMerge(values, yaml.load(Files.readString(PRODUCTION)));
        Files.writeString(chart.resolve("values.yaml"), yaml.dump(values));

        LintResult lint = new Helm(chart).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(map(map(values.get("ingress"))).get("enabled")).isEqualTo(true);
    }

    @Test
    void defaultValuesRenderEveryServiceSafely() throws IOException {
        List<Map<String, Object>> objects = renderWithHooks(t -> t);

        assertDeploymentsAreProductionReady(objects);
        assertThat(names(objects, "Deployment")).containsExactlyInAnyOrderElementsOf(fullNames(SERVICES));
        assertThat(names(objects, "Service")).containsExactlyInAnyOrderElementsOf(fullNames(SERVICES));
        assertNetworkPolicyPerService(objects, SERVICES);
        assertThat(names(objects, "Ingress")).isEmpty();
        assertThat(names(objects, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(names(objects, "PodDisruptionBudget")).isEmpty();
        assertThat(names(objects, "ServiceMonitor")).isEmpty();
        assertThat(names(objects, "Secret")).containsExactly("stoa-secrets");
    }

    @Test
    void secretValuesReachPodsOnlyThroughTheSecret() throws IOException {
        List<String> secrets = List.of("gw-client-6f1c", "redis-pw-93ab", "db-app-pw-77de", "db-owner-pw-1a2b");
        List<Map<String, Object>> objects =
                renderWithHooks(t -> t.set("secrets.values.gateway-client-secret", secrets.get(0))
                        .set("secrets.values.redis-password", secrets.get(1))
                        .set("redis.host", "redis")
                        .set("secrets.databases.agent-service.app", secrets.get(2))
                        .set("secrets.databases.agent-service.owner", secrets.get(3)));

        String configMaps = new Yaml().dump(objects(objects, "ConfigMap"));
        assertThat(objects(objects, "ConfigMap")).hasSize(SERVICES.size());
        secrets.forEach(secret -> assertThat(configMaps).doesNotContain(secret));
        for (Map<String, Object> configMap : objects(objects, "ConfigMap")) {
            assertThat(map(configMap.get("data")).keySet())
                    .noneMatch(key -> key.matches(".*(PASSWORD|CLIENTSECRET|SERVICECLIENTS_.*|SECRETS_KEYS_.*)"));
        }
        Map<String, Object> secretData =
                map(objects(objects, "Secret").getFirst().get("data"));
        assertThat(secretData.values().stream()
                        .map(v -> new String(Base64.getDecoder().decode(v.toString()))))
                .containsAll(secrets);
        assertThat(Base64.getDecoder()
                        .decode(Base64.getDecoder()
                                .decode(secretData.get("secrets-key-v1").toString())))
                .as("secrets-key-v1 is base64 of 32 bytes")
                .hasSize(32);
        Map<String, Object> gateway = container(deployment(objects, "gateway"));
        assertThat(env(gateway, "STOA_REDIS_URL").get("value")).isEqualTo("redis://:$(STOA_REDIS_PASSWORD)@redis:6379");
        assertThat(map(map(env(gateway, "STOA_REDIS_PASSWORD").get("valueFrom")).get("secretKeyRef")))
                .containsEntry("key", "redis-password");
    }

    @Test
    void productionValuesRenderHpaPdbIngressAndMonitoring() {
        List<Map<String, Object>> objects = render(t -> t.withValuesFile(PRODUCTION));

        assertDeploymentsAreProductionReady(objects);
        assertNetworkPolicyPerService(objects, SERVICES);
        assertThat(names(objects, "Secret"))
                .as("existingSecret: the chart creates none")
                .isEmpty();
        assertThat(names(objects, "HorizontalPodAutoscaler")).containsExactlyInAnyOrderElementsOf(fullNames(SERVICES));
        assertThat(names(objects, "PodDisruptionBudget")).containsExactlyInAnyOrderElementsOf(fullNames(SERVICES));
        assertThat(names(objects, "ServiceMonitor")).containsExactlyInAnyOrderElementsOf(fullNames(SERVICES));
        objects(objects, "Deployment")
                .forEach(d -> assertThat(map(d.get("spec"))).doesNotContainKey("replicas"));
        objects(objects, "PodDisruptionBudget")
                .forEach(p -> assertThat(map(p.get("spec"))).containsEntry("minAvailable", 1));

        List<Map<String, Object>> ingresses = objects(objects, "Ingress");
        assertThat(ingresses).hasSize(1);
        List<Object> backends = new ArrayList<>();
        for (Object rule : list(map(ingresses.getFirst().get("spec")).get("rules"))) {
            for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                backends.add(map(map(map(path).get("backend")).get("service")).get("name"));
            }
        }
        assertThat(backends).isNotEmpty().containsOnly("stoa-gateway");

        Map<String, Object> identity = container(deployment(objects, "identity-service"));
        assertThat(identity.get("image")).isEqualTo("registry.example.com/stoa/identity-service:0.1.0");
        assertThat(map(map(env(identity, "STOA_SECRETS_KEYS_V1").get("valueFrom"))
                        .get("secretKeyRef")))
                .containsEntry("name", "stoa-platform-secrets");
        Map<String, Object> identityConfig = configData(objects, "identity-service");
        assertThat(identityConfig)
                .containsEntry("SPRING_DATASOURCE_USERNAME", "stoa_identity_app")
                .containsEntry("SPRING_LIQUIBASE_USER", "stoa_identity_owner")
                .containsEntry(
                        "SPRING_DATASOURCE_URL",
                        "jdbc:postgresql://postgres.db.internal:5432/stoa_identity?sslmode=verify-full")
                .containsEntry("STOA_IDENTITY_MODE", "keycloak")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4318");
        assertThat(identityConfig)
                .containsEntry("STOA_KEYCLOAK_URL", "http://keycloak.identity:8080")
                .containsEntry("STOA_KEYCLOAK_ISSUER", "https://login.example.com/realms/stoa");
        assertThat(map(map(env(identity, "STOA_KEYCLOAK_CLIENT_SECRET").get("valueFrom"))
                        .get("secretKeyRef")))
                .containsEntry("key", "keycloak-client-secret");
        assertThat(configData(objects, "gateway"))
                .containsEntry("STOA_KEYCLOAK_ISSUER", "https://login.example.com/realms/stoa")
                .doesNotContainKey("STOA_KEYCLOAK_URL")
                .containsEntry("STOA_IDENTITY_GRPC", "static://stoa-identity-service:9081")
                .containsEntry("STOA_AGENT_URL", "http://stoa-agent-service:8082");
    }

    @Test
    void addingAServiceIsOneValuesEntry() throws IOException {
        Path values = tmp.resolve("example.yaml");
        Files.writeString(values, """
                services:
                  example:
                    enabled: true
                    image: { repository: example }
                    ports: { http: 8090, grpc: 9090 }
                """);
        List<Map<String, Object>> objects = render(t -> t.withValuesFile(values));

        Set<String> all = Stream.concat(SERVICES.stream(), Stream.of("example")).collect(Collectors.toSet());
        assertThat(names(objects, "Deployment")).containsExactlyInAnyOrderElementsOf(fullNames(all));
        assertThat(names(objects, "Service")).contains("stoa-example");
        assertThat(names(objects, "ConfigMap")).contains("stoa-example");
        assertNetworkPolicyPerService(objects, all);
        assertDeploymentsAreProductionReady(objects);
        assertThat(container(deployment(objects, "example")).get("image")).isEqualTo("stoa/example:0.1.0-SNAPSHOT");
        assertThat(configData(objects, "gateway"))
                .containsEntry("STOA_EXAMPLE_URL", "http://stoa-example:8090")
                .containsEntry("STOA_EXAMPLE_GRPC", "static://stoa-example:9090");
    }

    @Test
    void wrongTypeInValuesFailsTemplateNamingTheField() {
        assertThatThrownBy(() -> render(t -> t.set("services.gateway.replicas", "two")))
                .hasMessageContaining("services/gateway/replicas")
                .hasMessageContaining("integer");
    }

    @Test
    void wrongTypeInValuesFailsLintNamingTheField() throws IOException {
        Path chart = copyChart();
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

    @Test
    void ingressRefusesAReleaseWithoutExactlyOnePublicService() {
        assertThatThrownBy(() -> render(t -> t.set("ingress.enabled", true).set("services.agent-service.public", true)))
                .hasMessageContaining("exactly one enabled service with public: true");
    }

    private static void assertDeploymentsAreProductionReady(List<Map<String, Object>> objects) {
        List<Map<String, Object>> deployments = objects(objects, "Deployment");
        assertThat(deployments).isNotEmpty();
        for (Map<String, Object> deployment : deployments) {
            String name = map(deployment.get("metadata")).get("name").toString();
            Map<String, Object> pod =
                    map(map(map(deployment.get("spec")).get("template")).get("spec"));
            Map<String, Object> podSecurity = map(pod.get("securityContext"));
            assertThat(podSecurity).as(name).containsEntry("runAsNonRoot", true);
            assertThat((Integer) podSecurity.get("runAsUser")).as(name).isPositive();
            for (Object item : list(pod.get("containers"))) {
                Map<String, Object> container = map(item);
                assertThat(map(container.get("securityContext")))
                        .as(name)
                        .containsEntry("allowPrivilegeEscalation", false)
                        .containsEntry("readOnlyRootFilesystem", true);
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    assertThat(map(map(container.get(probe)).get("httpGet"))
                                    .get("path")
                                    .toString())
                            .as(name + " " + probe)
                            .startsWith("/actuator/health/");
                }
                Map<String, Object> resources = map(container.get("resources"));
                assertThat(map(resources.get("requests"))).as(name).containsKeys("cpu", "memory");
                assertThat(map(resources.get("limits"))).as(name).containsKey("memory");
            }
        }
    }

    private static void assertNetworkPolicyPerService(List<Map<String, Object>> objects, Set<String> services) {
        assertThat(names(objects, "NetworkPolicy")).containsExactlyInAnyOrderElementsOf(fullNames(services));
        for (Map<String, Object> policy : objects(objects, "NetworkPolicy")) {
            String name = map(policy.get("metadata")).get("name").toString();
            Map<String, Object> spec = map(policy.get("spec"));
            assertThat(map(map(spec.get("podSelector")).get("matchLabels")))
                    .containsEntry("app.kubernetes.io/name", name.substring(RELEASE.length() + 1));
            for (Object rule : list(spec.get("ingress"))) {
                Map<String, Object> ingress = map(rule);
                boolean fromRelease = ingress.get("from") instanceof List<?> from
                        && from.stream()
                                .allMatch(peer -> map(peer).containsKey("podSelector")
                                        && map(map(map(peer).get("podSelector")).get("matchLabels"))
                                                .equals(Map.of(
                                                        "app.kubernetes.io/instance",
                                                        RELEASE,
                                                        "app.kubernetes.io/part-of",
                                                        "stoa")));
                boolean fromNamespace = ingress.get("from") instanceof List<?> from
                        && from.stream().allMatch(peer -> map(peer).keySet().equals(Set.of("namespaceSelector")));
                if (!name.equals("stoa-gateway")) {
                    assertThat(fromRelease || fromNamespace)
                            .as(name + " admits only the release's pods (or the metrics namespace): " + ingress)
                            .isTrue();
                }
            }
        }
    }

    private List<Map<String, Object>> render(UnaryOperator<TemplateCommand> options) {
        return render(CHART, options);
    }

    /**
     * Renders a copy of the chart whose hook resources are plain ones: helm-java's template leaves hooks out of the
     * manifest, and the chart-created Secret is a pre-install hook.
     */
    private List<Map<String, Object>> renderWithHooks(UnaryOperator<TemplateCommand> options) throws IOException {
        Path chart = copyChart();
        Path secret = chart.resolve("templates/secret.yaml");
        String template = Files.readString(secret);
        assertThat(template).contains("helm.sh/hook: pre-install");
        Files.writeString(secret, template.replaceAll("(?m)^\\s*helm\\.sh/hook(-weight)?:.*\\n", ""));
        return render(chart, options);
    }

    private static List<Map<String, Object>> render(Path chart, UnaryOperator<TemplateCommand> options) {
        String manifest = options.apply(
                        new Helm(chart).template().withName(RELEASE).withNamespace("stoa"))
                .call();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(manifest)) {
            if (document != null) {
                objects.add(map(document));
            }
        }
        return objects;
    }

    private static void deepMerge(Map<String, Object> target, Map<String, Object> overrides) {
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && target.get(key) instanceof Map<?, ?>) {
                deepMerge(map(target.get(key)), map(value));
            } else {
                target.put(key, value);
            }
        });
    }

    private Path copyChart() throws IOException {
        Path target = tmp.resolve("stoa");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    private static List<Map<String, Object>> objects(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static List<String> names(List<Map<String, Object>> objects, String kind) {
        return objects(objects, kind).stream()
                .map(o -> map(o.get("metadata")).get("name").toString())
                .toList();
    }

    private static List<String> fullNames(Set<String> services) {
        return services.stream().map(s -> RELEASE + "-" + s).toList();
    }

    private static Map<String, Object> deployment(List<Map<String, Object>> objects, String service) {
        return objects(objects, "Deployment").stream()
                .filter(d -> map(d.get("metadata")).get("name").equals(RELEASE + "-" + service))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> configData(List<Map<String, Object>> objects, String service) {
        return map(objects(objects, "ConfigMap").stream()
                .filter(d -> map(d.get("metadata")).get("name").equals(RELEASE + "-" + service))
                .findFirst()
                .orElseThrow()
                .get("data"));
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return map(list(map(map(map(deployment.get("spec")).get("template")).get("spec"))
                        .get("containers"))
                .getFirst());
    }

    private static Map<String, Object> env(Map<String, Object> container, String name) {
        return list(container.get("env")).stream()
                .map(ComposeFileTest::map)
                .filter(e -> name.equals(e.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.get("env")));
    }
}
