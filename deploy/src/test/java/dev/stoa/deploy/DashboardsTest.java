package dev.stoa.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Grafana dashboards import cleanly and chart only Stoa metrics the code really registers. */
class DashboardsTest {
    private static final Path REPO = Tools.repo();
    private static final Pattern STOA_METRIC = Pattern.compile("\\b(stoa_[a-z0-9_]+)");
    /** A meter name: a dotted string literal starting with {@code stoa.}, in a source that builds Micrometer meters. */
    private static final Pattern METER_NAME = Pattern.compile("\"(stoa\\.[a-z0-9_]+(?:\\.[a-z0-9_]+)+)\"");

    @Test
    void everyDashboardHasAUniqueUidAndEveryPanelAQueryOnTheChosenDataSource() throws IOException {
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards()) {
            // JSON is YAML: snakeyaml (already here for the chart) reads it
            Map<String, Object> dashboard = new Yaml().load(Files.readString(file));
            assertThat(uids.add(String.valueOf(dashboard.get("uid"))))
                    .as(file + " uid")
                    .isTrue();
            assertThat(String.valueOf(dashboard.get("title")))
                    .as(file + " title")
                    .isNotBlank();
            for (Map<String, Object> panel : maps(dashboard.get("panels"))) {
                if ("row".equals(panel.get("type"))) {
                    continue;
                }
                List<Map<String, Object>> targets = maps(panel.get("targets"));
                assertThat(targets).as(file + " " + panel.get("title")).isNotEmpty();
                for (Map<String, Object> target : targets) {
                    assertThat(String.valueOf(target.get("expr"))).isNotBlank();
                    assertThat(maps(List.of(target.get("datasource")))
                                    .getFirst()
                                    .get("uid"))
                            .isEqualTo("${datasource}");
                }
            }
        }
        assertThat(uids).contains("stoa-gateway-identity", "stoa-pipeline-agents");
    }

    @Test
    void theStoaMetricsChartedAreOnesTheServicesRegister() throws IOException {
        Set<String> registered = registeredMetrics();
        List<String> charted = new ArrayList<>();
        for (Path file : dashboards()) {
            Matcher m = STOA_METRIC.matcher(Files.readString(file));
            while (m.find()) {
                charted.add(m.group(1));
            }
        }
        assertThat(charted).isNotEmpty();
        assertThat(charted).allSatisfy(name -> assertThat(registered)
                .as("a metric the code registers (Prometheus names: dots to underscores, counters end in _total)")
                .anyMatch(r -> name.equals(r) || name.equals(r + "_total") || name.startsWith(r + "_")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(REPO.resolve("deploy/grafana"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Names of the meters Stoa's own code builds, in Prometheus form. */
    private static Set<String> registeredMetrics() throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> sources = Files.walk(REPO)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")
                            && p.toString().contains("/src/main/java/")
                            && !p.toString().contains("/target/"))
                    .toList()) {
                String code = Files.readString(source);
                if (!code.contains("import io.micrometer.core.instrument.")) {
                    continue;
                }
                Matcher m = METER_NAME.matcher(code);
                while (m.find()) {
                    names.add(m.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }
}
