package dev.stoa.deploy;

import static dev.stoa.deploy.Chart.ALL_SERVICES;
import static dev.stoa.deploy.Chart.INSTALL_SECRETS;
import static dev.stoa.deploy.Chart.PRODUCTION;
import static dev.stoa.deploy.Chart.fullName;
import static dev.stoa.deploy.ComposeFileTest.list;
import static dev.stoa.deploy.ComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NetworkPolicies: default-deny for the release, then exactly the ingress and egress each entry implies. */
class ChartNetworkPolicyTest {
    private static final Map<String, Object> DNS = Map.of(
            "to",
                    List.of(Map.of(
                            "namespaceSelector",
                                    Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                            "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns")))),
            "ports", List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP")));

    @TempDir
    Path tmp;

    @Test
    void everyPodOfTheReleaseIsDeniedByDefault() throws IOException {
        Chart.Rendered r = Chart.render(tmp, INSTALL_SECRETS);
        Map<String, Object> deny =
                map(r.get("NetworkPolicy", "stoa-default-deny").get("spec"));

        assertThat(deny)
                .containsEntry("policyTypes", List.of("Ingress", "Egress"))
                .doesNotContainKeys("ingress", "egress");
        assertThat(map(map(deny.get("podSelector")).get("matchLabels")))
                .isEqualTo(Map.of("app.kubernetes.io/instance", "stoa", "app.kubernetes.io/part-of", "stoa"));
        for (String kind : List.of("Deployment", "Job")) {
            for (Map<String, Object> workload : r.all(kind)) {
                assertThat(map(map(map(map(workload.get("spec")).get("template"))
                                        .get("metadata"))
                                .get("labels")))
                        .as(Chart.name(workload) + " is selected by the default deny")
                        .containsEntry("app.kubernetes.io/instance", "stoa")
                        .containsEntry("app.kubernetes.io/part-of", "stoa");
            }
        }
    }

    @Test
    void eachServiceGetsExactlyTheEgressItsEntryImplies() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> ChartServicesTest.allEnabled(t.withValuesFile(PRODUCTION)));

        for (String service : ALL_SERVICES) {
            assertThat(egress(r, service)).as(service).contains(DNS);
        }
        // Dependencies by port: PostgreSQL 5432, Kafka 9092, Redis 6379, Keycloak 8080/443, SMTP 587, OTLP, providers
        // 443.
        assertThat(egressPorts(r, "gateway"))
                .containsExactlyInAnyOrder(
                        53, 53, 8081, 8082, 8083, 8084, 8085, 8086, 8087, 8088, 9081, 9092, 6379, 4317, 4318);
        assertThat(egressPorts(r, "identity-service"))
                .containsExactlyInAnyOrder(53, 53, 5432, 9092, 8080, 443, 587, 4317, 4318);
        // agent-service: identity's gRPC too (its revocation list, with its own service credential), memory's gRPC
        // (the prompt preview recalls a user's memory)
        assertThat(egressPorts(r, "agent-service"))
                .containsExactlyInAnyOrder(53, 53, 8081, 9081, 9085, 5432, 9092, 4317, 4318, 443);
        // chat-service: monitoring's gRPC too (month-to-date spend for budgets)
        assertThat(egressPorts(r, "chat-service"))
                .containsExactlyInAnyOrder(53, 53, 8081, 9081, 9082, 9084, 9085, 9088, 5432, 9092, 4317, 4318, 443);
        assertThat(egressPorts(r, "monitoring-service"))
                .containsExactlyInAnyOrder(53, 53, 8081, 9081, 5432, 9092, 4317, 4318);

        Map<String, Object> providers = egress(r, "chat-service").stream()
                .filter(rule -> list(rule.get("ports")).equals(List.of(Map.of("port", 443, "protocol", "TCP"))))
                .findFirst()
                .orElseThrow();
        assertThat(map(map(list(providers.get("to")).getFirst()).get("ipBlock")))
                .containsEntry("cidr", "0.0.0.0/0")
                .satisfies(block -> assertThat(list(block.get("except"))).contains("10.0.0.0/8", "169.254.0.0/16"));
        assertThat(egress(r, "agent-service"))
                .as("peers from values restrict the PostgreSQL rule")
                .contains(Map.of(
                        "ports",
                        List.of(Map.of("port", 5432, "protocol", "TCP")),
                        "to",
                        List.of(Map.of("ipBlock", Map.of("cidr", "10.20.0.0/24")))));
    }

    @Test
    void eachServiceAdmitsExactlyItsCallers() throws IOException {
        Chart.Rendered r = Chart.render(tmp, t -> ChartServicesTest.allEnabled(t.withValuesFile(PRODUCTION)));

        assertThat(callers(r, "identity-service", 8081))
                .as("JWKS for every service")
                .containsExactlyInAnyOrderElementsOf(ALL_SERVICES.stream()
                        .filter(s -> !s.equals("identity-service"))
                        .toList());
        assertThat(callers(r, "identity-service", 9081))
                .as("service tokens for every service with a credential")
                .containsExactlyInAnyOrderElementsOf(ALL_SERVICES.stream()
                        .filter(s -> !s.equals("identity-service"))
                        .toList());
        assertThat(callers(r, "agent-service", 9082))
                .containsExactlyInAnyOrder("chat-service", "tool-router-service", "memory-service", "eval-service");
        assertThat(callers(r, "chat-service", 8083)).containsExactly("gateway");
        assertThat(callers(r, "chat-service", 9083))
                .containsExactlyInAnyOrder("workflow-service", "eval-service", "tool-router-service");
        assertThat(callers(r, "monitoring-service", 9088))
                .as("safety policies for both scanners, spend for chat")
                .containsExactlyInAnyOrder("chat-service", "tool-router-service");

        List<Object> gatewayIngress =
                list(map(r.get("NetworkPolicy", "stoa-gateway").get("spec")).get("ingress"));
        assertThat(gatewayIngress)
                .contains(Map.of(
                        "ports", List.of(Map.of("port", 8080, "protocol", "TCP")),
                        "from",
                                List.of(Map.of(
                                        "namespaceSelector",
                                        Map.of(
                                                "matchLabels",
                                                Map.of("kubernetes.io/metadata.name", "ingress-nginx"))))));
    }

    @Test
    void provisioningAndChartTestPodsReachOnlyWhatTheyNeed() throws IOException {
        Chart.Rendered r = Chart.render(tmp, INSTALL_SECRETS);

        Map<String, Object> provisioning =
                map(r.get("NetworkPolicy", "stoa-provisioning").get("spec"));
        assertThat(provisioning).doesNotContainKey("ingress");
        assertThat(ports(list(provisioning.get("egress")))).containsExactlyInAnyOrder(53, 53, 5432, 9092);
        for (Map<String, Object> job : r.all("Job")) {
            assertThat(map(map(map(map(job.get("spec")).get("template")).get("metadata"))
                            .get("labels")))
                    .containsEntry("app.kubernetes.io/component", "provisioning");
        }
        Map<String, Object> tests =
                map(r.get("NetworkPolicy", "stoa-chart-tests").get("spec"));
        assertThat(ports(list(tests.get("egress"))))
                .containsExactlyInAnyOrder(53, 53, 9181, 9182, 9183, 9184, 9185, 9187, 9188, 8090);
    }

    private static List<Map<String, Object>> egress(Chart.Rendered r, String service) {
        return list(map(r.get("NetworkPolicy", fullName(service)).get("spec")).get("egress")).stream()
                .map(ComposeFileTest::map)
                .toList();
    }

    private static List<Object> egressPorts(Chart.Rendered r, String service) {
        return ports(new ArrayList<>(egress(r, service)));
    }

    private static List<Object> ports(List<?> rules) {
        return rules.stream()
                .flatMap(rule -> list(map(rule).get("ports")).stream().map(p -> map(p).get("port")))
                .toList();
    }

    /** The services admitted on a port of a service, by their pod selector's name label. */
    private static Set<Object> callers(Chart.Rendered r, String service, int port) {
        return list(map(r.get("NetworkPolicy", fullName(service)).get("spec")).get("ingress")).stream()
                .map(ComposeFileTest::map)
                .filter(rule -> list(rule.get("ports")).contains(Map.of("port", port, "protocol", "TCP")))
                .flatMap(rule -> list(rule.getOrDefault("from", List.of())).stream())
                .map(peer -> map(peer).get("podSelector"))
                .filter(selector -> selector != null)
                .map(selector -> map(map(selector).get("matchLabels")).get("app.kubernetes.io/name"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
