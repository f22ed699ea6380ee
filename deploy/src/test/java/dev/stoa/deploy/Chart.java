package dev.stoa.deploy;

import static dev.stoa.deploy.ComposeFileTest.list;
import static dev.stoa.deploy.ComposeFileTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * helm/stoa rendered through helm-java (embedded Helm, `lookup` answered by {@link FakeKubeApi}), hooks included,
 * and the rendered objects as maps. Also the Kubernetes schema check of a manifest.
 */
final class Chart {
    static final Path REPO = Tools.repo();
    static final Path CHART = REPO.resolve("helm/stoa");
    static final Path PRODUCTION = REPO.resolve("deploy/helm/values-production.yaml");
    static final Path CHECKER = REPO.resolve("deploy/compose-check");
    static final String RELEASE = "stoa";
    static final String NAMESPACE = "stoa";
    static final Set<String> DEFAULT_SERVICES = Set.of(
            "identity-service",
            "agent-service",
            "chat-service",
            "tool-router-service",
            "monitoring-service",
            "memory-service",
            "eval-service",
            "gateway");
    static final List<String> ALL_SERVICES = List.of(
            "identity-service",
            "agent-service",
            "gateway",
            "chat-service",
            "tool-router-service",
            "memory-service",
            "workflow-service",
            "eval-service",
            "monitoring-service");
    /** The two passwords of things outside the chart that a default install must be given. */
    static final UnaryOperator<TemplateCommand> INSTALL_SECRETS =
            t -> t.set("secrets.values.postgresql-admin-password", "pg-admin-0c7e")
                    .set("secrets.values.kafka-admin-password", "kafka-admin-5d1f");

    private Chart() {}

    /** Renders the chart with every hook (provisioning, chart tests) as a plain object, so the test sees them. */
    static Rendered render(Path tmp, UnaryOperator<TemplateCommand> options) throws IOException {
        FakeKubeApi.get();
        Path chart = copyWithHooksShown(tmp);
        String manifest = options.apply(
                        new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE))
                .call();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(manifest)) {
            if (document != null) {
                objects.add(map(document));
            }
        }
        return new Rendered(manifest, objects);
    }

    /**
     * A copy of the chart whose hook annotations are renamed (helm.sh/hook -> stoa.test/hook): helm-java's template
     * leaves hooks out of its output, and the renamed annotation still says which objects are hooks.
     */
    static Path copyWithHooksShown(Path tmp) throws IOException {
        Path target = copy(tmp);
        try (Stream<Path> files = Files.walk(target.resolve("templates"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.writeString(file, Files.readString(file).replace("helm.sh/hook", "stoa.test/hook"));
            }
        }
        return target;
    }

    static Path copy(Path tmp) throws IOException {
        Path target = Files.createTempDirectory(tmp, "chart").resolve("stoa");
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

    /** Validates a manifest against the Kubernetes API schemas (deploy/compose-check/k8s-validate.mjs). */
    static Tools.Result validateAgainstKubernetesSchemas(Path tmp, String manifest) throws Exception {
        assumeTrue(Tools.find("node").isPresent(), Tools.NO_NODE);
        assertThat(CHECKER.resolve("node_modules/kubernetes-models"))
                .as("installed by the build (NpmCi in process-test-classes); run ./mvnw -pl deploy verify")
                .exists();
        Path file = Files.createTempFile(tmp, "manifest", ".yaml");
        Files.writeString(file, manifest);
        return Tools.run(CHECKER, Tools.find("node").orElseThrow().toString(), "k8s-validate.mjs", file.toString());
    }

    static String fullName(String service) {
        return RELEASE + "-" + service;
    }

    /** The rendered manifest and its objects. */
    record Rendered(String manifest, List<Map<String, Object>> objects) {
        List<Map<String, Object>> all(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }

        List<String> names(String kind) {
            return all(kind).stream().map(Chart::name).toList();
        }

        Map<String, Object> get(String kind, String name) {
            return all(kind).stream()
                    .filter(o -> name.equals(name(o)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + names(kind)));
        }

        Map<String, Object> deployment(String service) {
            return get("Deployment", fullName(service));
        }

        Map<String, Object> configData(String service) {
            return map(get("ConfigMap", fullName(service)).get("data"));
        }
    }

    static String name(Map<String, Object> object) {
        return map(object.get("metadata")).get("name").toString();
    }

    static Map<String, Object> annotations(Map<String, Object> object) {
        return map(map(object.get("metadata")).getOrDefault("annotations", Map.of()));
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        Map<String, Object> spec = workload.get("kind").equals("Pod") ? map(workload.get("spec")) : podSpec(workload);
        return map(list(spec.get("containers")).getFirst());
    }

    static List<Map<String, Object>> envs(Map<String, Object> container) {
        return list(container.getOrDefault("env", List.of())).stream()
                .map(ComposeFileTest::map)
                .toList();
    }

    static Map<String, Object> env(Map<String, Object> container, String name) {
        return envs(container).stream()
                .filter(e -> name.equals(e.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.get("env")));
    }

    /** The Secret key an env entry reads, or null for a plain value. */
    static Object secretKey(Map<String, Object> env) {
        return env.get("valueFrom") instanceof Map<?, ?> from
                ? map(map(from).get("secretKeyRef")).get("key")
                : null;
    }
}
